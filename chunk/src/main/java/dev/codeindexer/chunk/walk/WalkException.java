package dev.codeindexer.chunk.walk;

/** The walk cannot start: the root is missing, not a directory, or unreadable. Problems below the root are skips. */
public class WalkException extends RuntimeException {

    public WalkException(String message) {
        super(message);
    }

    public WalkException(String message, Throwable cause) {
        super(message, cause);
    }
}
