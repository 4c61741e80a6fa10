package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What matters in a repository, within a token budget, as {@code map}, {@code GET /api/map} and
 * {@code get_repo_map} answer: the files holding the most referenced definitions, each with those definitions'
 * signatures, most important first.
 *
 * @param budget      the token budget asked for
 * @param tokens      the tokens {@link #text()} takes, by the chunker's heuristic count
 * @param files       the files shown, most important first
 * @param filesTotal  how many indexed files have definitions
 * @param symbolsShown how many definitions are shown
 * @param text        the map as plain text: a file line, then one indented line per definition
 */
public record RepoMap(int budget, int tokens, List<MapFile> files, @JsonProperty("files_total") int filesTotal,
                      @JsonProperty("symbols_shown") int symbolsShown, String text) {
    /** What {@code map} spends without {@code --tokens}: a screenful, and a small part of an agent's context. */
    public static final int DEFAULT_TOKENS = 1024;
    /** The smallest budget: a file line and a few signatures. */
    public static final int MIN_TOKENS = 64;
    public static final int MAX_TOKENS = 100_000;

    public RepoMap {
        files = List.copyOf(files);
    }

    /**
     * A file of the map.
     *
     * @param file    relative to the codebase root
     * @param rank    its PageRank over the reference graph (the ranks of all files sum to 1)
     * @param symbols its shown definitions, in line order
     */
    public record MapFile(String file, double rank, List<MapSymbol> symbols) {
        public MapFile {
            symbols = List.copyOf(symbols);
        }
    }

    /**
     * A definition of the map.
     *
     * @param name       qualified name
     * @param kind       what it defines
     * @param line       the line with its name
     * @param signature  its declaration up to the body
     * @param rank       its share of the rank of the files that reference it
     * @param referrers  how many other files reference its name
     */
    public record MapSymbol(String name, String kind, int line, String signature, double rank, int referrers) {
    }
}
