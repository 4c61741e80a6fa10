package dev.codeindexer.config;

import java.util.List;

/**
 * The {@code index} block: what indexing lets into an index beyond the defaults.
 *
 * @param allowSecrets gitignore-style patterns, relative to the codebase's root, of paths that the built-in secrets
 *                     deny list (private keys, {@code .env*}, credential files, {@code .ssh}, {@code .aws}...) lets
 *                     through, e.g. {@code tests/fixtures/*.pem}; a directory on the list needs its own pattern
 *                     ({@code .aws/}). Empty by default: a key enters an index only by a choice written down here.
 * @param lexicalFirst   store every new or changed file's chunks before embedding any (found lexically, by name and
 *                       by the exact tools within seconds), then embed them; true by default
 * @param embeddingOrder which files are embedded first: a permutation of {@code source}, {@code test} and
 *                       {@code prose} (kinds left out come last, in that order); by default source, then tests, then
 *                       documentation
 */
public record IndexSettings(List<String> allowSecrets, Boolean lexicalFirst, List<String> embeddingOrder) {
    /** The kinds {@code embedding_order} may name, in their default order. */
    public static final List<String> KINDS = List.of("source", "test", "prose");

    public IndexSettings {
        lexicalFirst = Check.or(lexicalFirst, true);
        List<String> order = new java.util.ArrayList<>();
        for (String kind : Check.or(embeddingOrder, List.<String>of())) {
            if (!KINDS.contains(kind) || order.contains(kind)) {
                throw new ConfigException("index.embedding_order holds '" + kind + "'; list each of " + KINDS
                        + " at most once, first what should be searchable by meaning first");
            }
            order.add(kind);
        }
        KINDS.stream().filter(k -> !order.contains(k)).forEach(order::add);
        embeddingOrder = List.copyOf(order);
        allowSecrets = List.copyOf(Check.or(allowSecrets, List.of()));
        for (String pattern : allowSecrets) {
            String p = pattern.strip();
            if (p.isEmpty() || p.startsWith("#") || p.startsWith("!")) {
                throw new ConfigException("index.allow_secrets holds '" + pattern + "'; each entry must be a path "
                        + "pattern as in .gitignore (e.g. 'tests/fixtures/*.pem'), not empty, a comment or a negation");
            }
        }
    }

    public static IndexSettings defaults() {
        return new IndexSettings(null, null, null);
    }
}
