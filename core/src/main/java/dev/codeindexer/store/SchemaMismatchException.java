package dev.codeindexer.store;

/**
 * Data or a collection definition does not fit the collection: a vector of the wrong dimension, an unknown or
 * missing metadata field, a value of the wrong type, or an existing collection created with another dimension,
 * metric or schema.
 */
public class SchemaMismatchException extends VectorStoreException {
    public SchemaMismatchException(String message) {
        super(message);
    }
}
