package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Symbol;
import java.util.List;

/**
 * What a name's definitions call, as {@code callees NAME}, {@code GET /api/callees} and {@code get_callees} answer.
 *
 * @param name        the name asked for
 * @param definitions each definition with the names it calls
 * @param depth       how many levels were followed
 * @param truncated   whether the node limit cut the answer
 */
public record Callees(String name, List<Definition> definitions, int depth, boolean truncated) {
    public Callees {
        definitions = List.copyOf(definitions);
    }

    /** One definition of the name and what it calls, in order of first call. */
    public record Definition(Symbol definition, List<Callee> callees) {
        public Definition {
            callees = List.copyOf(callees);
        }
    }
}
