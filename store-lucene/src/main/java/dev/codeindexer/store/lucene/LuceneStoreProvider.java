package dev.codeindexer.store.lucene;

import dev.codeindexer.config.VectorStoreConfig;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreProvider;
import java.nio.file.Path;

/** Registers the embedded store as {@code vector_store.type: lucene}. */
public final class LuceneStoreProvider implements VectorStoreProvider {
    @Override
    public String type() {
        return LuceneVectorStore.TYPE;
    }

    @Override
    public VectorStore create(VectorStoreConfig config) {
        String path = config.lucene().path();
        return new LuceneVectorStore(Path.of(path == null ? ".code-indexer/lucene" : path), config.lucene());
    }
}
