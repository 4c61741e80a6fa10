package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to a name: exact matches first, then prefix, then fuzzy ones.
 *
 * @param query     the name asked for
 * @param found     whether any symbol has exactly that name; when not, {@code matches} are near matches
 * @param matches   at most the query's limit
 * @param total     how many matched before the limit cut
 */
public record SymbolLookup(String query, boolean found, List<SymbolMatch> matches, int total) {
    public SymbolLookup {
        matches = List.copyOf(matches);
    }

    /** Whether the limit cut matches off. */
    @JsonProperty("truncated")
    public boolean truncated() {
        return total > matches.size();
    }
}
