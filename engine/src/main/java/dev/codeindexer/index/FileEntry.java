package dev.codeindexer.index;

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
 */
public record FileEntry(String path, String hash, long size, long mtime, String language, List<String> chunkIds,
                        long indexedAt) {
    public FileEntry {
        chunkIds = List.copyOf(chunkIds);
    }
}
