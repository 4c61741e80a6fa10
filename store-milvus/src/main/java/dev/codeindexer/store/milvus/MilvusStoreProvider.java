package dev.codeindexer.store.milvus;

import dev.codeindexer.config.VectorStoreConfig;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreProvider;

/** Registers {@code vector_store.type: milvus}; listed in {@code META-INF/services}. */
public final class MilvusStoreProvider implements VectorStoreProvider {
    @Override
    public String type() {
        return "milvus";
    }

    @Override
    public VectorStore create(VectorStoreConfig config) {
        return new MilvusVectorStore(config.milvus());
    }
}
