package dev.codeindexer.store;

import dev.codeindexer.config.Check;
import dev.codeindexer.config.VectorStoreConfig;

/**
 * A backend as a third party would add one, registered by this module's test {@code META-INF/services}: it owns the
 * section {@code vector_store.example}, which core's config loading must accept and check without naming it.
 */
public final class ExampleBackend implements VectorStoreProvider {
    /** The section: where the server is, and a secret that must never be printed. */
    public record Settings(String host, Integer port, String password, Integer batchSize) {
        public Settings {
            host = Check.or(host, "localhost");
            port = Check.range("vector_store.example.port", Check.or(port, 7000), 1, 65_535);
            batchSize = Check.or(batchSize, 64);
        }
    }

    @Override
    public String type() {
        return "example";
    }

    @Override
    public void validate(VectorStoreConfig config) {
        config.section(type(), Settings.class);
    }

    @Override
    public VectorStore create(VectorStoreConfig config, StoreContext context) {
        throw new StoreConnectionException("the example backend has no server; it exists to test config loading");
    }

    @Override
    public int batchSize(VectorStoreConfig config) {
        return config.section(type(), Settings.class).batchSize();
    }
}
