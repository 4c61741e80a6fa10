package dev.codeindexer.store;

import dev.codeindexer.error.CallerError;

/**
 * The backend refused a parameter of the request that the caller chose: a collection name it does not accept, a
 * top-k beyond its limit, an index or search setting out of range. The message names the parameter when the backend
 * did, and what to change.
 */
public class InvalidRequestException extends VectorStoreException implements CallerError {
    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
