package dev.codeindexer.config;

import java.util.List;

/**
 * The {@code index} block: what indexing lets into an index beyond the defaults.
 *
 * @param allowSecrets gitignore-style patterns, relative to the codebase's root, of paths that the built-in secrets
 *                     deny list (private keys, {@code .env*}, credential files, {@code .ssh}, {@code .aws}...) lets
 *                     through, e.g. {@code tests/fixtures/*.pem}; a directory on the list needs its own pattern
 *                     ({@code .aws/}). Empty by default: a key enters an index only by a choice written down here.
 */
public record IndexSettings(List<String> allowSecrets) {
    public IndexSettings {
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
        return new IndexSettings(null);
    }
}
