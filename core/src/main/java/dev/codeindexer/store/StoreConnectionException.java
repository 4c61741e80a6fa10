package dev.codeindexer.store;

/** The store cannot be reached or opened: a server that does not answer, a directory that cannot be written. */
public class StoreConnectionException extends VectorStoreException {
    public StoreConnectionException(String message) {
        super(message);
    }

    public StoreConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
