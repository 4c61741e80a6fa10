package dev.codeindexer.store;

import dev.codeindexer.error.CallerError;

/**
 * A row is larger than the store accepts in one request even on its own (a remote store's message size limit), so
 * it cannot be written. The store writes the other rows of the request before throwing this; when several rows are
 * too large, it names the first and the others are its suppressed exceptions. The message names the row, its size
 * and the limit.
 */
public class RowTooLargeException extends VectorStoreException implements CallerError {
    private final String collection;
    private final String id;
    private final long bytes;

    /**
     * @param bytes the row's size as the store encodes it
     * @param limit the limit that the row exceeds, as the store or its server states it
     */
    public RowTooLargeException(String collection, String id, long bytes, String limit, Throwable cause) {
        super("row '" + id + "' of collection '" + collection + "' is " + bytes + " bytes encoded, too large for one "
                + "request even alone (" + limit + "); make the row smaller (shorter text or fewer array values), or "
                + "raise the server's message size limit", cause);
        this.collection = collection;
        this.id = id;
        this.bytes = bytes;
    }

    public String collection() {
        return collection;
    }

    public String id() {
        return id;
    }

    public long bytes() {
        return bytes;
    }
}
