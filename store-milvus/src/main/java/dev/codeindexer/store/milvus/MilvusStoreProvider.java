package dev.codeindexer.store.milvus;

import dev.codeindexer.config.VectorStoreConfig;
import dev.codeindexer.store.StoreContext;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreProvider;
import java.util.List;

/** Registers {@code vector_store.type: milvus}; listed in {@code META-INF/services}. */
public final class MilvusStoreProvider implements VectorStoreProvider {
    static final String TYPE = "milvus";

    @Override
    public String type() {
        return TYPE;
    }

    /** The SDK logs every refused call at ERROR (a missing collection, a server that went away) before it throws. */
    @Override
    public List<String> redundantLoggers() {
        return List.of("io.milvus");
    }

    @Override
    public void validate(VectorStoreConfig config) {
        settings(config);
    }

    @Override
    public VectorStore create(VectorStoreConfig config, StoreContext context) {
        return new MilvusVectorStore(settings(config), context.metrics());
    }

    @Override
    public int batchSize(VectorStoreConfig config) {
        return settings(config).batchSize();
    }

    static MilvusConfig settings(VectorStoreConfig config) {
        return config.section(TYPE, MilvusConfig.class);
    }
}
