package dev.codeindexer.embed;

/**
 * The provider could not be reached or kept failing (connection refused, timeouts, 429 or 5xx after every retry).
 * Trying again later may succeed.
 */
public class EmbeddingUnavailableException extends EmbeddingException {
    public EmbeddingUnavailableException(String message) {
        super(message);
    }

    public EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
