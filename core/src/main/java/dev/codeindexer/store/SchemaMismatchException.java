package dev.codeindexer.store;

import dev.codeindexer.error.CallerError;

/**
 * Data or a collection definition does not fit the collection: a vector of the wrong dimension, an unknown or
 * missing metadata field, a value of the wrong type, or an existing collection created with another dimension,
 * metric or schema.
 */
public class SchemaMismatchException extends VectorStoreException implements CallerError {
    public SchemaMismatchException(String message) {
        super(message);
    }
}
