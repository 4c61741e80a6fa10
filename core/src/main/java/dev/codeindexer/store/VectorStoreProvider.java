package dev.codeindexer.store;

import dev.codeindexer.config.VectorStoreConfig;

/**
 * Service-provider interface of a store backend. A backend module lists its implementation in
 * {@code META-INF/services/dev.codeindexer.store.VectorStoreProvider}; putting its jar on the classpath is all it
 * takes for {@code vector_store.type} to accept its {@link #type()}.
 */
public interface VectorStoreProvider {
    /** The value of {@code vector_store.type} that selects this backend. */
    String type();

    /** Builds an unconnected store; no I/O happens until {@link VectorStore#connect()}. */
    VectorStore create(VectorStoreConfig config);
}
