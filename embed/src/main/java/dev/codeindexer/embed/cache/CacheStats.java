package dev.codeindexer.embed.cache;

/**
 * What a {@link CachingEmbeddingModel} did since it was opened.
 *
 * @param hits     texts answered from the cache
 * @param misses   texts the underlying model had to embed
 * @param entries  vectors in the cache file now
 * @param bytes    size of the cache file
 * @param writable false when another process owns the cache file and this one only reads it
 */
public record CacheStats(long hits, long misses, int entries, long bytes, boolean writable) {
}
