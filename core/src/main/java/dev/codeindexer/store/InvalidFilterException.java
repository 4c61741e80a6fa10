package dev.codeindexer.store;

import dev.codeindexer.error.CallerError;

/** A filter names an unknown field, compares a field with a value of the wrong type, or is malformed. */
public class InvalidFilterException extends VectorStoreException implements CallerError {
    public InvalidFilterException(String message) {
        super(message);
    }
}
