package dev.codeindexer.index;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.codeindexer.chunk.Chunk;
import java.util.List;

/**
 * What the manifest knows of one indexed file.
 *
 * @param path      relative to the codebase root, {@code /} separators
 * @param hash      SHA-256 of the file's bytes
 * @param size      size in bytes when indexed; with {@code mtime} a cheap "unchanged" check before hashing
 * @param mtime     last-modified time in milliseconds when indexed
 * @param language  the detected language
 * @param chunkIds  the ids of its chunks in the store
 * @param indexedAt epoch milliseconds when its chunks were stored
 * @param vectorsPending its chunks are stored and found lexically, but not embedded yet: the run that stored them
 *                       embeds them next, and a run cut short before that leaves it for the next one (absent in
 *                       manifests written before lexical-first indexing: false)
 * @param lines     where each chunk is in this file, in the order of {@code chunkIds}, when the rows are in a store
 *                  other worktrees share: a chunk's id is made of its text, not its place, so the row another
 *                  worktree stored for the same chunk may carry its own lines (code above it changed there); null
 *                  where the rows' own lines hold
 */
public record FileEntry(String path, String hash, long size, long mtime, String language, List<String> chunkIds,
                        long indexedAt, @JsonProperty("vectors_pending") boolean vectorsPending,
                        @JsonInclude(JsonInclude.Include.NON_NULL) List<Lines> lines) {
    public FileEntry {
        chunkIds = List.copyOf(chunkIds);
        lines = lines == null ? null : List.copyOf(lines);
        if (lines != null && lines.size() != chunkIds.size()) {
            throw new IllegalArgumentException(path + " has " + chunkIds.size() + " chunks but lines for "
                    + lines.size());
        }
    }

    /** An entry whose rows' lines hold. */
    public FileEntry(String path, String hash, long size, long mtime, String language, List<String> chunkIds,
                     long indexedAt, boolean vectorsPending) {
        this(path, hash, size, mtime, language, chunkIds, indexedAt, vectorsPending, null);
    }

    /** An entry whose chunks are embedded. */
    public FileEntry(String path, String hash, long size, long mtime, String language, List<String> chunkIds,
                     long indexedAt) {
        this(path, hash, size, mtime, language, chunkIds, indexedAt, false);
    }

    /** A chunk's lines: its own, and its entity's. Written as an array of four numbers. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    public record Lines(int start, int end, int entityStart, int entityEnd) {
        static List<Lines> of(List<Chunk> chunks) {
            return chunks.stream().map(c -> new Lines(c.startLine(), c.endLine(), c.entityStartLine(),
                    c.entityEndLine())).toList();
        }
    }

    /** Where the chunk {@code id} is in this file, or null when the row's own lines hold. */
    public Lines linesOf(String id) {
        if (lines == null) {
            return null;
        }
        int i = chunkIds.indexOf(id);
        return i < 0 ? null : lines.get(i);
    }

    public FileEntry withVectorsPending(boolean pending) {
        return new FileEntry(path, hash, size, mtime, language, chunkIds, indexedAt, pending, lines);
    }

    /** This entry for the same content in a file of this {@code size} and {@code mtime}, indexed at {@code when}. */
    FileEntry seenAgain(long size, long mtime, long when) {
        return new FileEntry(path, hash, size, mtime, language, chunkIds, when, vectorsPending, lines);
    }
}
