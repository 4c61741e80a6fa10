package dev.codeindexer.store;

import dev.codeindexer.config.VectorStoreConfig;
import java.util.List;

/**
 * Service-provider interface of a store backend. A backend module lists its implementation in
 * {@code META-INF/services/dev.codeindexer.store.VectorStoreProvider}; putting its jar on the classpath is all it
 * takes for {@code vector_store.type} to accept its {@link #type()}. The backend owns its config section
 * ({@code vector_store.<type>}, read with {@link VectorStoreConfig#section}), its defaults and its readiness check,
 * so nothing outside its module names it.
 */
public interface VectorStoreProvider {
    /** The value of {@code vector_store.type} that selects this backend, and the name of its config section. */
    String type();

    /** Whether this backend is used when {@code vector_store.type} is not set; exactly one on the classpath is. */
    default boolean isDefault() {
        return false;
    }

    /**
     * Parses and checks this backend's section, throwing a {@link dev.codeindexer.config.ConfigException} naming the
     * key; called when the config file is loaded, so a mistake is reported before any work, whichever backend is
     * selected.
     */
    void validate(VectorStoreConfig config);

    /** Builds an unconnected store; no I/O happens until {@link VectorStore#connect()}. */
    VectorStore create(VectorStoreConfig config, StoreContext context);

    /** Rows per write that suit this backend (what the indexer hands to one {@code insert}). */
    int batchSize(VectorStoreConfig config);

    /**
     * Loggers of this backend's client library that report as errors the failures the store turns into exceptions
     * of its own (which say what to do): the command line silences them unless library logging is asked for.
     */
    default List<String> redundantLoggers() {
        return List.of();
    }

    /**
     * A readiness check for health endpoints: the default connects once and lists the collections on every
     * {@link StoreProbe#check()}, reconnecting after a failure.
     */
    default StoreProbe probe(VectorStoreConfig config, StoreContext context) {
        return StoreProbe.connecting(() -> create(config, context));
    }
}
