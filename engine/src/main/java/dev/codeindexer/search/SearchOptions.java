package dev.codeindexer.search;

import dev.codeindexer.chunk.EntityType;
import dev.codeindexer.chunk.Language;
import dev.codeindexer.config.SearchSettings;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.store.Fusion;
import dev.codeindexer.store.SearchMode;
import dev.codeindexer.store.filter.Filter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What narrows and ranks a search; built with {@link #builder()}. Languages and entity types are checked against
 * the ones the chunker produces, so a misspelt filter is an error rather than an empty answer.
 *
 * @param topK        the most results per query
 * @param languages   keep only these languages (any of them); empty for all
 * @param entityTypes keep only these entity types; empty for all
 * @param pathGlob    keep only files matching this glob ({@code src/**}{@code /*.java}; without a {@code /} it
 *                    matches file names in any directory); null for all
 * @param fromLine    keep chunks overlapping lines {@code fromLine..toLine}; 0 for no limit
 * @param toLine      see {@code fromLine}; 0 for no limit
 * @param filter      a filter over the chunk metadata in the portable form (from the flat or structured map form
 *                    of an HTTP or MCP request), and-ed with the others; null for none. The store validates its
 *                    field names and value types against the collection's schema.
 * @param mode        hybrid (default), dense or lexical
 * @param fusion      how hybrid search weighs its legs
 * @param groupByFile keep only the best hit of each file ({@code --group-by file})
 * @param nameWeight  weight of the name signal in lexical and hybrid search (how much of a hit's entity name
 *                    the query spells out); 0 turns it off
 * @param proseWeight factor on documentation hits' scores, so code comes first at equal relevance; 1 for none
 * @param testWeight  factor on test code hits' scores; 1 for none
 */
public record SearchOptions(int topK, List<String> languages, List<String> entityTypes, String pathGlob, long fromLine,
                            long toLine, Filter filter, SearchMode mode, Fusion fusion, boolean groupByFile,
                            double nameWeight, double proseWeight, double testWeight) {
    public static final int MAX_TOP_K = 1000;

    public SearchOptions {
        mode = mode == null ? SearchMode.HYBRID : mode;
        fusion = fusion == null ? Fusion.DEFAULT : fusion;
        if (topK < 1 || topK > MAX_TOP_K) {
            throw new InvalidInputException("--top-k must be between 1 and " + MAX_TOP_K + ", got " + topK);
        }
        languages = languages == null ? List.of() : languages.stream().map(SearchOptions::language).toList();
        entityTypes = entityTypes == null ? List.of() : entityTypes.stream().map(SearchOptions::entityType).toList();
        if (fromLine < 0 || toLine < 0 || (toLine > 0 && fromLine > toLine)) {
            throw new InvalidInputException("--lines must be A-B with 1 <= A <= B, got " + fromLine + "-" + toLine);
        }
        if (!(nameWeight >= 0)) {
            throw new InvalidInputException("the name weight must be 0 or more, got " + nameWeight);
        }
        if (!(proseWeight > 0 && proseWeight <= 1 && testWeight > 0 && testWeight <= 1)) {
            throw new InvalidInputException("the prose and test weights must be above 0 and at most 1, got "
                    + proseWeight + " and " + testWeight);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first {@code topK} hits of an unfiltered search with the default ranking. */
    public static SearchOptions topK(int topK) {
        return builder().topK(topK).build();
    }

    /** A builder holding these options, to change some of them. */
    public Builder toBuilder() {
        return builder().topK(topK).languages(languages).entityTypes(entityTypes).pathGlob(pathGlob)
                .lines(fromLine, toLine).filter(filter).mode(mode).fusion(fusion).groupByFile(groupByFile)
                .nameWeight(nameWeight).proseWeight(proseWeight).testWeight(testWeight);
    }

    /**
     * These filters, ranked as the config's {@code search} block says: its fusion and name weight, and its mode
     * unless {@code mode} (a command-line or request choice) is given. Every caller goes through here, so that no
     * entry point leaves a ranking setting behind.
     */
    public SearchOptions rankedBy(SearchSettings settings, SearchMode mode) {
        return toBuilder().mode(mode != null ? mode : SearchMode.parse(settings.mode())).fusion(settings.toFusion())
                .nameWeight(settings.nameWeight()).proseWeight(settings.proseWeight()).testWeight(settings.testWeight())
                .build();
    }

    public SearchOptions withMode(SearchMode newMode) {
        return toBuilder().mode(newMode).build();
    }

    public SearchOptions withTopK(int newTopK) {
        return toBuilder().topK(newTopK).build();
    }

    /** Parses {@code A-B}, {@code A-} or {@code -B} into [from, to] (0 meaning open). */
    public static long[] parseLines(String spec) {
        var m = java.util.regex.Pattern.compile("\\s*(\\d{1,9})?\\s*-\\s*(\\d{1,9})?\\s*").matcher(spec);
        if (!m.matches() || (m.group(1) == null && m.group(2) == null)) {
            throw new InvalidInputException("--lines takes A-B (e.g. 100-200, 100- or -200), got '" + spec + "'");
        }
        long from = m.group(1) == null ? 1 : Long.parseLong(m.group(1));
        long to = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
        return new long[] {from, to};
    }

    private static String language(String id) {
        try {
            return Language.fromId(id.trim()).id();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown language '" + id + "'; known: "
                    + Arrays.stream(Language.values()).map(Language::id).sorted().toList(), e);
        }
    }

    private static String entityType(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(EntityType.values()).map(EntityType::id).filter(wanted::equals).findFirst()
                .orElseThrow(() -> new InvalidInputException("unknown entity type '" + id + "'; known: "
                        + Arrays.stream(EntityType.values()).map(EntityType::id).toList()));
    }

    /** Collects the optional parts; {@link #build()} validates them. */
    public static final class Builder {
        private int topK = 10;
        private List<String> languages = List.of();
        private List<String> entityTypes = List.of();
        private String pathGlob;
        private long fromLine;
        private long toLine;
        private Filter filter;
        private SearchMode mode;
        private Fusion fusion;
        private boolean groupByFile;
        private double nameWeight = SearchSettings.DEFAULT_NAME_WEIGHT;
        private double proseWeight = SearchSettings.DEFAULT_PROSE_WEIGHT;
        private double testWeight = SearchSettings.DEFAULT_TEST_WEIGHT;

        private Builder() {
        }

        public Builder topK(int v) { topK = v; return this; }
        public Builder languages(List<String> v) { languages = v; return this; }
        public Builder entityTypes(List<String> v) { entityTypes = v; return this; }
        public Builder pathGlob(String v) { pathGlob = v; return this; }
        public Builder lines(long from, long to) { fromLine = from; toLine = to; return this; }
        public Builder filter(Filter v) { filter = v; return this; }
        public Builder mode(SearchMode v) { mode = v; return this; }
        public Builder fusion(Fusion v) { fusion = v; return this; }
        public Builder groupByFile(boolean v) { groupByFile = v; return this; }
        public Builder nameWeight(double v) { nameWeight = v; return this; }
        public Builder proseWeight(double v) { proseWeight = v; return this; }
        public Builder testWeight(double v) { testWeight = v; return this; }

        public SearchOptions build() {
            return new SearchOptions(topK, languages, entityTypes, pathGlob, fromLine, toLine, filter, mode, fusion,
                    groupByFile, nameWeight, proseWeight, testWeight);
        }
    }
}
