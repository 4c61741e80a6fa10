package dev.codeindexer.embed;

/**
 * An embedding provider refused the request with a status that retrying cannot fix (400, 401, 403, 404, ...). The
 * message names the URL, the status, the provider's own explanation and the likely fix; it never contains the key.
 */
public class EmbeddingProviderException extends EmbeddingException {
    private final int status;

    public EmbeddingProviderException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status the provider answered with. */
    public int status() {
        return status;
    }
}
