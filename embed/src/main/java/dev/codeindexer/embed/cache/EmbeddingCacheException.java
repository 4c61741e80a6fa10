package dev.codeindexer.embed.cache;

import dev.codeindexer.embed.EmbeddingException;

/** The on-disk embedding cache cannot be used; the message names the file. */
public class EmbeddingCacheException extends EmbeddingException {
    public EmbeddingCacheException(String message) {
        super(message);
    }

    public EmbeddingCacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
