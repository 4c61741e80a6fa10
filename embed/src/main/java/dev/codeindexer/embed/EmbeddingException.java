package dev.codeindexer.embed;

/** Embedding failed; the message says what happened and what to do about it. */
public class EmbeddingException extends RuntimeException {
    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
