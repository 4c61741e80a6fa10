package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.codeindexer.chunk.Symbol;
import java.util.List;

/**
 * The call sites of a name inside one definition (or at the top level of one file), and, when asked for with a
 * depth, who calls that definition in turn.
 *
 * @param caller  the innermost definition holding the sites; null for a file's top level
 * @param file    the file, relative to the codebase root
 * @param sites   the call sites in line order
 * @param callers the caller's own callers, one level deeper; empty at the last level or for the top level
 */
public record CallerGroup(@JsonInclude(JsonInclude.Include.ALWAYS) Symbol caller, String file, List<CallSite> sites,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CallerGroup> callers) {
    public CallerGroup {
        sites = List.copyOf(sites);
        callers = List.copyOf(callers);
    }
}
