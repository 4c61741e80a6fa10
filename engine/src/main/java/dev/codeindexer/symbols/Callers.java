package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Symbol;
import java.util.List;

/**
 * Who calls a name, as {@code callers NAME}, {@code GET /api/callers} and {@code get_callers} answer.
 *
 * @param name        the name asked for
 * @param definitions its definitions in the index; empty for a name defined outside it (a library's)
 * @param callers     the direct call sites grouped by calling definition, by file and line
 * @param sites       how many direct call sites there are
 * @param depth       how many levels were followed
 * @param truncated   whether the site limit cut the answer
 */
public record Callers(String name, List<Symbol> definitions, List<CallerGroup> callers, int sites, int depth,
                      boolean truncated) {
    public Callers {
        definitions = List.copyOf(definitions);
        callers = List.copyOf(callers);
    }
}
