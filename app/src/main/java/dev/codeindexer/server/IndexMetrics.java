package dev.codeindexer.server;

import dev.codeindexer.index.IndexReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Indexing metrics: runs by outcome with their duration, files by what happened to them, chunks written and
 * deleted, and the jobs waiting or running. Embedding latency is measured by {@link MeteredEmbeddingModel}.
 */
public final class IndexMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger pending = new AtomicInteger();

    public IndexMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("code_indexer_index_jobs_pending", pending);
    }

    /** Metrics that go nowhere, for the MCP server, which has no {@code /metrics}. */
    public static IndexMetrics none() {
        return new IndexMetrics(new CompositeMeterRegistry());
    }

    void jobQueued() {
        pending.incrementAndGet();
    }

    void jobFinished(IndexJob.State state, IndexReport report, long nanos) {
        pending.decrementAndGet();
        String outcome = state.name().toLowerCase(Locale.ROOT);
        Timer.builder("code_indexer_index_runs").description("Index runs, by outcome")
                .tag("outcome", outcome).register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (report == null) {
            return;
        }
        files("indexed", report.filesIndexed());
        files("unchanged", report.filesUnchanged());
        files("removed", report.filesRemoved());
        files("skipped", report.skippedTotal());
        chunks("written", report.chunksWritten());
        chunks("deleted", report.chunksDeleted());
    }

    private void files(String outcome, long n) {
        Counter.builder("code_indexer_index_files").description("Files seen by index runs, by what happened to them")
                .tag("outcome", outcome).register(registry).increment(n);
    }

    private void chunks(String operation, long n) {
        Counter.builder("code_indexer_index_chunks").description("Chunks written or deleted by index runs")
                .tag("operation", operation).register(registry).increment(n);
    }
}
