package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Every line of the indexed files with an identifier as a whole word, as {@code refs NAME}, {@code GET /api/refs}
 * and {@code find_references} answer: the lines {@code rg -n -w NAME} prints over the same files, grouped by the
 * definition holding them.
 *
 * @param name      the identifier
 * @param codeOnly  whether lines where it appears only in comments or strings were left out
 * @param groups    by file, then line
 * @param lines     how many lines in all
 * @param files     how many files hold them
 * @param truncated whether the line limit cut the answer
 */
public record Refs(String name, @JsonProperty("code_only") boolean codeOnly, List<RefGroup> groups, int lines,
                   int files, boolean truncated) {
    /** The most lines an answer holds unless asked for more: as many as {@code grep} shows. */
    public static final int DEFAULT_LIMIT = 1000;

    public Refs {
        groups = List.copyOf(groups);
    }
}
