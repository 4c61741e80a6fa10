package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.codeindexer.chunk.Symbol;
import java.util.List;

/**
 * A name a definition calls, with where, and what it resolves to.
 *
 * @param name        the called name
 * @param receiver    what it is called on, as {@link dev.codeindexer.chunk.Reference#receiver()} has it: null for
 *                    nothing, an identifier, or empty for an expression
 * @param lines       the lines of the calls, ascending
 * @param definitions the definitions it resolves to by name, nearest first (same class, same file, elsewhere);
 *                    empty for a name defined outside the index (a library's)
 * @param candidates  how many definitions carry the name; more than {@code definitions} when the answer shows only
 *                    some
 * @param callees     what the resolved definition calls in turn, one level deeper; only for a name that resolves
 *                    to few enough definitions to follow
 */
public record Callee(String name, String receiver, List<Integer> lines, List<Symbol> definitions, int candidates,
                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Callee> callees) {
    public Callee {
        lines = List.copyOf(lines);
        definitions = List.copyOf(definitions);
        callees = List.copyOf(callees);
    }
}
