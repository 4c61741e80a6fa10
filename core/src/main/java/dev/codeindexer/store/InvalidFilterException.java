package dev.codeindexer.store;

/** A filter names an unknown field, compares a field with a value of the wrong type, or is malformed. */
public class InvalidFilterException extends VectorStoreException {
    public InvalidFilterException(String message) {
        super(message);
    }
}
