package dev.codeindexer.store.lucene;

import dev.codeindexer.config.VectorStoreConfig;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.StoreContext;
import dev.codeindexer.store.StoreProbe;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Registers the embedded store as {@code vector_store.type: lucene}, the default. */
public final class LuceneStoreProvider implements VectorStoreProvider {
    @Override
    public String type() {
        return LuceneVectorStore.TYPE;
    }

    @Override
    public boolean isDefault() {
        return true; // needs no server: a fresh machine works offline
    }

    @Override
    public void validate(VectorStoreConfig config) {
        settings(config);
    }

    @Override
    public VectorStore create(VectorStoreConfig config, StoreContext context) {
        LuceneConfig settings = settings(config);
        return new LuceneVectorStore(directory(settings, context), settings);
    }

    @Override
    public int batchSize(VectorStoreConfig config) {
        return settings(config).batchSize();
    }

    /** Ready when the directory the indexes go under can be created and written; there is no server to ask. */
    @Override
    public StoreProbe probe(VectorStoreConfig config, StoreContext context) {
        LuceneConfig settings = settings(config);
        Path dir = settings.path() != null ? Path.of(settings.path()) : context.dataDir();
        return new StoreProbe() {
            @Override
            public void check() {
                try {
                    Files.createDirectories(dir);
                } catch (IOException e) {
                    throw new StoreConnectionException("the index directory " + dir + " cannot be created ("
                            + e.getMessage() + ")", e);
                }
                if (!Files.isWritable(dir)) {
                    throw new StoreConnectionException("the index directory " + dir + " is not writable");
                }
            }

            @Override
            public void close() {
            }
        };
    }

    private static LuceneConfig settings(VectorStoreConfig config) {
        return config.section(LuceneVectorStore.TYPE, LuceneConfig.class);
    }

    /** {@code vector_store.lucene.path} when set, else this backend's directory in the context's data directory. */
    private static Path directory(LuceneConfig settings, StoreContext context) {
        return settings.path() != null ? Path.of(settings.path()) : context.dataDir().resolve(LuceneVectorStore.TYPE);
    }
}
