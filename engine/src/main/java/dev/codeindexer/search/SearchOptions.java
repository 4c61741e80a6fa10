package dev.codeindexer.search;

import dev.codeindexer.config.SearchSettings;
import dev.codeindexer.store.Fusion;
import dev.codeindexer.store.SearchMode;
import java.util.List;

/**
 * What narrows a search, as the CLI's options say it.
 *
 * @param topK        the most results per query
 * @param languages   keep only these languages (any of them); empty for all
 * @param entityTypes keep only these entity types; empty for all
 * @param pathGlob    keep only files matching this glob ({@code src/**}{@code /*.java}; without a {@code /} it
 *                    matches file names in any directory); null for all
 * @param fromLine    keep chunks overlapping lines {@code fromLine..toLine}; 0 for no limit
 * @param toLine      see {@code fromLine}; 0 for no limit
 * @param mode        hybrid (default), dense or lexical
 * @param fusion      how hybrid search weighs its legs
 * @param groupByFile keep only the best hit of each file ({@code --group-by file})
 * @param nameWeight  weight of the name signal in lexical and hybrid search (how much of a hit's entity name
 *                    the query spells out); 0 turns it off
 */
public record SearchOptions(int topK, List<String> languages, List<String> entityTypes, String pathGlob, long fromLine,
                            long toLine, SearchMode mode, Fusion fusion, boolean groupByFile, double nameWeight) {
    public SearchOptions {
        mode = mode == null ? SearchMode.HYBRID : mode;
        fusion = fusion == null ? Fusion.DEFAULT : fusion;
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("--top-k must be between 1 and 1000, got " + topK);
        }
        languages = languages == null ? List.of() : List.copyOf(languages);
        entityTypes = entityTypes == null ? List.of() : List.copyOf(entityTypes);
        if (fromLine < 0 || toLine < 0 || (toLine > 0 && fromLine > toLine)) {
            throw new IllegalArgumentException("--lines must be A-B with 1 <= A <= B, got " + fromLine + "-" + toLine);
        }
        if (!(nameWeight >= 0)) {
            throw new IllegalArgumentException("the name weight must be 0 or more, got " + nameWeight);
        }
    }

    /** Options with the measured default name weight. */
    public SearchOptions(int topK, List<String> languages, List<String> entityTypes, String pathGlob, long fromLine,
                         long toLine, SearchMode mode, Fusion fusion, boolean groupByFile) {
        this(topK, languages, entityTypes, pathGlob, fromLine, toLine, mode, fusion, groupByFile,
                SearchSettings.DEFAULT_NAME_WEIGHT);
    }

    public SearchOptions(int topK, List<String> languages, List<String> entityTypes, String pathGlob, long fromLine,
                         long toLine, SearchMode mode, Fusion fusion) {
        this(topK, languages, entityTypes, pathGlob, fromLine, toLine, mode, fusion, false);
    }

    public SearchOptions withGroupByFile(boolean group) {
        return new SearchOptions(topK, languages, entityTypes, pathGlob, fromLine, toLine, mode, fusion, group,
                nameWeight);
    }

    public SearchOptions withNameWeight(double weight) {
        return new SearchOptions(topK, languages, entityTypes, pathGlob, fromLine, toLine, mode, fusion, groupByFile,
                weight);
    }

    /**
     * These filters, ranked as the config's {@code search} block says: its fusion and name weight, and its mode
     * unless {@code mode} (a command-line or request choice) is given. Every caller goes through here, so that no
     * entry point leaves a ranking setting behind.
     */
    public SearchOptions rankedBy(SearchSettings settings, SearchMode mode) {
        return new SearchOptions(topK, languages, entityTypes, pathGlob, fromLine, toLine,
                mode != null ? mode : SearchMode.parse(settings.mode()), settings.toFusion(), groupByFile,
                settings.nameWeight());
    }

    public static SearchOptions topK(int topK) {
        return new SearchOptions(topK, List.of(), List.of(), null, 0, 0, null, null);
    }

    public SearchOptions withMode(SearchMode newMode) {
        return new SearchOptions(topK, languages, entityTypes, pathGlob, fromLine, toLine, newMode, fusion, groupByFile,
                nameWeight);
    }

    public SearchOptions withTopK(int newTopK) {
        return new SearchOptions(newTopK, languages, entityTypes, pathGlob, fromLine, toLine, mode, fusion, groupByFile,
                nameWeight);
    }

    /** Parses {@code A-B}, {@code A-} or {@code -B} into [from, to] (0 meaning open). */
    public static long[] parseLines(String spec) {
        var m = java.util.regex.Pattern.compile("\\s*(\\d*)\\s*-\\s*(\\d*)\\s*").matcher(spec);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            throw new IllegalArgumentException("--lines takes A-B (e.g. 100-200, 100- or -200), got '" + spec + "'");
        }
        long from = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
        long to = m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(2));
        return new long[] {from, to};
    }
}
