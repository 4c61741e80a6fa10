package dev.codeindexer.index;

/** Indexing or opening an index failed in a way the user can act on; the message says how. */
public class IndexException extends RuntimeException {
    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
