package dev.codeindexer.store;

/** An operation named a collection that does not exist. */
public class CollectionNotFoundException extends VectorStoreException {
    private final String collection;

    public CollectionNotFoundException(String collection) {
        super("collection '" + collection + "' does not exist; create it first (or index the codebase)");
        this.collection = collection;
    }

    public String collection() {
        return collection;
    }
}
