package dev.codeindexer.chunk;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One definition in a file, as a symbol table keeps it: every function, method, constructor and type the grammar
 * shows, including those nested in function bodies, which are no chunks of their own.
 *
 * @param name          the simple name ({@code isBlank})
 * @param qualifiedName the enclosing scopes and the name, {@code .}-separated ({@code StringUtils.isBlank},
 *                      {@code pkg.mod.Class.method}, {@code Server.Serve} for a Go method)
 * @param kind          what it defines
 * @param signature     the declaration up to its body, on one line, with whitespace runs collapsed; annotations and
 *                      decorators on lines of their own are left out
 * @param parent        the enclosing scope's qualified name, or null at top level
 * @param language      the file's language
 * @param filePath      path relative to the repository root, {@code /}-separated
 * @param line          the line with the name, 1-based: where a reader (and universal-ctags) puts the definition
 * @param startLine     the declaration's first line, its annotations or decorators included, its doc comment not
 * @param endLine       the declaration's last line, inclusive
 */
public record Symbol(
        String name,
        @JsonProperty("qualified_name") String qualifiedName,
        SymbolKind kind,
        String signature,
        String parent,
        Language language,
        @JsonProperty("file") String filePath,
        int line,
        @JsonProperty("start_line") int startLine,
        @JsonProperty("end_line") int endLine) {

    public Symbol {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(filePath, "filePath");
        if (startLine < 1 || line < startLine || endLine < line) {
            throw new IllegalArgumentException("bad lines " + startLine + "/" + line + "/" + endLine + " for "
                    + qualifiedName + " in " + filePath);
        }
        // One copy of a file's path and of a repeated name or parent for all of its symbols (see Reference).
        name = name.intern();
        parent = parent == null ? null : parent.intern();
        filePath = filePath.intern();
    }
}
