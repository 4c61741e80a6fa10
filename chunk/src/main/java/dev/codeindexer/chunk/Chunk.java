package dev.codeindexer.chunk;

import java.util.Objects;

/**
 * One unit of indexed text: an entity (function, class header, ...), a window of a large entity, a Markdown section,
 * or what a file holds outside its entities.
 *
 * @param filePath   path relative to the repository root, {@code /}-separated
 * @param language   the file's language
 * @param entityType what the chunk stands for
 * @param entityId   qualified name ({@code StringUtils.isBlank}, {@code pkg.mod.Class.method},
 *                   {@code (*Server).Serve}); the file path for file-level chunks and text windows
 * @param parentId   the qualified name of the enclosing scope (class, module, receiver type), or null at top level
 * @param startLine  first line, 1-based
 * @param endLine    last line, 1-based, inclusive
 * @param entityStartLine first line of the whole entity this chunk belongs to (its doc comment or signature):
 *                   the range a hit shows, when the chunk is one window of a long entity; equal to
 *                   {@code startLine} for a chunk that is the whole entity
 * @param entityEndLine   last line of the whole entity
 * @param content    the text to embed; a window of a split entity starts with a one-line header giving the file,
 *                   the entity and its signature. An entity over the budget keeps only its doc's summary beside
 *                   its code, so its first chunk holds the summary and the signature; the rest of its doc is in
 *                   chunks of their own that hold the signature line
 * @param doc        the entity's doc comment or docstring, or the part of it this chunk keeps, exactly as it
 *                   appears in {@code content}; empty when the entity has none or this window does not contain it
 * @param chunkId    hex digest of path, entity id, window index and content: re-chunking the same code gives the
 *                   same id, and ids are distinct within a file
 */
public record Chunk(
        String filePath,
        Language language,
        EntityType entityType,
        String entityId,
        String parentId,
        int startLine,
        int endLine,
        int entityStartLine,
        int entityEndLine,
        String content,
        String doc,
        String chunkId) {

    public Chunk {
        Objects.requireNonNull(filePath, "filePath");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(chunkId, "chunkId");
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException(
                    "bad line range " + startLine + "-" + endLine + " for " + entityId + " in " + filePath);
        }
        if (entityStartLine > startLine || entityEndLine < endLine) {
            throw new IllegalArgumentException("entity range " + entityStartLine + "-" + entityEndLine
                    + " does not hold chunk " + startLine + "-" + endLine + " of " + entityId + " in " + filePath);
        }
        if (chunkId.isBlank()) {
            throw new IllegalArgumentException("blank chunkId for " + entityId + " in " + filePath);
        }
    }
}
