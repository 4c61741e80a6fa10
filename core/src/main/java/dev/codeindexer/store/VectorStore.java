package dev.codeindexer.store;

import dev.codeindexer.store.filter.Filter;
import java.util.List;
import java.util.Map;

/**
 * A vector store: collections of rows, each an id, a vector and typed metadata. Every backend passes the same
 * contract suite ({@code VectorStoreContractTest}), so callers never need to know which one they hold.
 *
 * <p>Contract: constructing a store does no I/O; {@link #connect()} opens it and every other method except
 * {@link #isConnected()} throws {@link StoreConnectionException} before that. Failures are
 * {@link VectorStoreException}s (connection, {@link CollectionNotFoundException}, {@link SchemaMismatchException},
 * {@link DuplicateIdException}, {@link InvalidFilterException}, {@link InvalidRequestException},
 * {@link RowTooLargeException}); nothing signals failure by returning false or an empty list. A write that returns
 * has been accepted durably and is visible to every later read through this store. Scores are "higher is more
 * similar" ({@link DistanceMetric}). Implementations are thread-safe: searches may run while another thread writes.
 */
public interface VectorStore extends AutoCloseable {

    /** The backend's name as used in config ({@code lucene}, {@code milvus}) and in metric tags. */
    String type();

    void connect();

    /** Releases connections, writers and files; idempotent. */
    void disconnect();

    boolean isConnected();

    /**
     * Creates the collection, or does nothing if an identical one exists.
     *
     * @throws SchemaMismatchException if it exists with another dimension, metric or schema
     */
    void createCollection(CollectionSpec spec);

    default void createCollection(String name, int dimension, Map<String, FieldType> schema, DistanceMetric metric) {
        createCollection(new CollectionSpec(name, dimension, schema, metric));
    }

    boolean hasCollection(String name);

    /** The collection as created, properties included. */
    CollectionSpec describeCollection(String name);

    /** Drops the collection and all its rows; does nothing when it does not exist. */
    void dropCollection(String name);

    List<String> listCollections();

    /**
     * Adds rows. {@code ids} may be null, then UUIDs are generated. Each metadata map must hold every schema field
     * with a value of its type and nothing else.
     *
     * @return the ids, in input order
     * @throws DuplicateIdException if an id exists already or repeats in the request (nothing is written)
     */
    List<String> insert(String collection, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids);

    /** Adds rows or replaces the rows with the same ids; ids null means generate (then it is an insert). */
    List<String> upsert(String collection, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids);

    /** Runs every query of the request; one result list per query vector, best first. */
    List<List<SearchResult>> search(SearchRequest request);

    default List<List<SearchResult>> search(String collection, List<float[]> queries, int topK, Filter filter,
                                            List<String> outputFields) {
        return search(new SearchRequest(collection, queries, topK, filter, outputFields));
    }

    /** The rows with these ids, in the order given; ids that do not exist are left out. */
    List<StoredRow> get(String collection, List<String> ids);

    /** Rows matching {@code filter}, or all rows when it is null. */
    long count(String collection, Filter filter);

    /** Deletes the rows with these ids; returns how many existed. */
    long delete(String collection, List<String> ids);

    /** Deletes the rows matching {@code filter} (required: there is no delete-all by accident); returns how many. */
    long delete(String collection, Filter filter);

    /**
     * Called once after a bulk load (an index run): makes the rows written so far quick to search. Not needed for
     * durability or visibility, which every write already has. The embedded store has nothing to do; Milvus seals
     * its growing segments so that they are searched through their index instead of being scanned.
     */
    default void flush(String collection) {
    }

    /**
     * Called when this process stops writing {@code collection} for now (an index run ended, however it ended).
     * A store whose writer shuts out every other process's writer (the embedded store holds Lucene's write lock
     * while its writer is open) lets go of it here, so that a long-lived server that ran one job does not keep the
     * command line's next run from writing. The next write takes it again.
     */
    default void release(String collection) {
    }

    /**
     * Whether {@link #insert} and {@link #upsert} take a null vector for a row whose vector is not known yet: such a
     * row is found by lexical search and filters, counted, and returned by {@link #get} with a null vector, but never
     * by a dense search, and costs the vector index nothing. A store that cannot (Milvus: the vector column is
     * required) refuses null vectors, and the indexer writes stand-ins it keeps out of dense ranking itself.
     */
    default boolean storesRowsWithoutVectors() {
        return false;
    }

    @Override
    default void close() {
        disconnect();
    }
}
