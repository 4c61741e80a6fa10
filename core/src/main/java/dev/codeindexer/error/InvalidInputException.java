package dev.codeindexer.error;

/**
 * The caller's input cannot be used as given; the message names the input and what it must be. Thrown instead of
 * {@link IllegalArgumentException}, which is kept for our own broken invariants so that a bug is never reported
 * to the user as their mistake.
 */
public class InvalidInputException extends RuntimeException implements CallerError {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
