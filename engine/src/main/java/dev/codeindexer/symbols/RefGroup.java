package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.codeindexer.chunk.Symbol;
import java.util.List;

/**
 * The lines of one definition (or of one file's top level) that use an identifier.
 *
 * @param entity the innermost definition holding the lines; null for a file's top level (imports, fields of a
 *               language without classes, module code)
 * @param file   the file, relative to the codebase root
 * @param lines  the lines, ascending
 */
public record RefGroup(@JsonInclude(JsonInclude.Include.ALWAYS) Symbol entity, String file, List<CallSite> lines) {
    public RefGroup {
        lines = List.copyOf(lines);
    }
}
