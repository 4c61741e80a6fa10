package dev.codeindexer.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a backend gets from the process that opens it, beyond its config.
 *
 * @param dataDir where a backend that keeps its data on this machine puts it when its config names no directory:
 *                the codebase's own index directory (one sub-directory per backend type), or the data home for a
 *                readiness check
 * @param metrics where the backend registers its own meters (retries, ...); the registry the servers export
 */
public record StoreContext(Path dataDir, MeterRegistry metrics) {
    public StoreContext {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** A context whose meters go nowhere, for tools and tests that export none. */
    public static StoreContext unmetered(Path dataDir) {
        return new StoreContext(dataDir, new SimpleMeterRegistry());
    }
}
