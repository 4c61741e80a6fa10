package dev.codeindexer.store;

/**
 * Base of every failure a {@link VectorStore} reports. Stores never signal failure with {@code false}, {@code null}
 * or an empty list: they throw one of these, with a message that says what happened and what to do about it.
 */
public class VectorStoreException extends RuntimeException {
    public VectorStoreException(String message) {
        super(message);
    }

    public VectorStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
