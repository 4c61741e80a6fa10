package dev.codeindexer.index;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 */
public record FileEntry(String path, String hash, long size, long mtime, String language, List<String> chunkIds,
                        long indexedAt, @JsonProperty("vectors_pending") boolean vectorsPending) {
    public FileEntry {
        chunkIds = List.copyOf(chunkIds);
    }

    /** An entry whose chunks are embedded. */
    public FileEntry(String path, String hash, long size, long mtime, String language, List<String> chunkIds,
                     long indexedAt) {
        this(path, hash, size, mtime, language, chunkIds, indexedAt, false);
    }

    public FileEntry withVectorsPending(boolean pending) {
        return new FileEntry(path, hash, size, mtime, language, chunkIds, indexedAt, pending);
    }
}
