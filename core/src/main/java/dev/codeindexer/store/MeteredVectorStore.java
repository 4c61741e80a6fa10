package dev.codeindexer.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Wraps any store with Micrometer metrics, so every backend reports the same series with a {@code backend} tag:
 * {@code code_indexer_store_requests_seconds} (a latency histogram per {@code operation} and {@code outcome}) and
 * {@code code_indexer_store_rows_total} (rows inserted, upserted, deleted, returned). Exposed in Prometheus
 * format by the server's {@code /metrics}.
 */
public final class MeteredVectorStore implements VectorStore {
    private final VectorStore delegate;
    private final MeterRegistry registry;

    public MeteredVectorStore(VectorStore delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    public VectorStore delegate() {
        return delegate;
    }

    private <T> T timed(String operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } finally {
            sample.stop(Timer.builder("code_indexer_store_requests")
                    .description("Vector store calls, by operation and outcome")
                    .tags("backend", delegate.type(), "operation", operation, "outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }

    private void rows(String operation, long n) {
        Counter.builder("code_indexer_store_rows").description("Rows written, deleted or returned")
                .tags("backend", delegate.type(), "operation", operation).register(registry).increment(n);
    }

    private void run(String operation, Runnable call) {
        timed(operation, () -> {
            call.run();
            return null;
        });
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public void connect() {
        run("connect", delegate::connect);
    }

    @Override
    public void disconnect() {
        delegate.disconnect();
    }

    @Override
    public boolean isConnected() {
        return delegate.isConnected();
    }

    @Override
    public void createCollection(CollectionSpec spec) {
        run("create_collection", () -> delegate.createCollection(spec));
    }

    @Override
    public boolean hasCollection(String name) {
        return timed("has_collection", () -> delegate.hasCollection(name));
    }

    @Override
    public CollectionSpec describeCollection(String name) {
        return timed("describe_collection", () -> delegate.describeCollection(name));
    }

    @Override
    public void dropCollection(String name) {
        run("drop_collection", () -> delegate.dropCollection(name));
    }

    @Override
    public List<String> listCollections() {
        return timed("list_collections", delegate::listCollections);
    }

    @Override
    public boolean storesRowsWithoutVectors() {
        return delegate.storesRowsWithoutVectors();
    }

    @Override
    public List<String> insert(String collection, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids) {
        List<String> out = timed("insert", () -> delegate.insert(collection, vectors, metadata, ids));
        rows("insert", out.size());
        return out;
    }

    @Override
    public List<String> upsert(String collection, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids) {
        List<String> out = timed("upsert", () -> delegate.upsert(collection, vectors, metadata, ids));
        rows("upsert", out.size());
        return out;
    }

    @Override
    public List<List<SearchResult>> search(SearchRequest request) {
        List<List<SearchResult>> out = timed("search", () -> delegate.search(request));
        rows("search", out.stream().mapToLong(List::size).sum());
        return out;
    }

    @Override
    public List<StoredRow> get(String collection, List<String> ids) {
        return timed("get", () -> delegate.get(collection, ids));
    }

    @Override
    public long count(String collection, dev.codeindexer.store.filter.Filter filter) {
        return timed("count", () -> delegate.count(collection, filter));
    }

    @Override
    public long delete(String collection, List<String> ids) {
        long n = timed("delete", () -> delegate.delete(collection, ids));
        rows("delete", n);
        return n;
    }

    @Override
    public long delete(String collection, dev.codeindexer.store.filter.Filter filter) {
        long n = timed("delete", () -> delegate.delete(collection, filter));
        rows("delete", n);
        return n;
    }

    @Override
    public void release(String collection) {
        delegate.release(collection);
    }

    @Override
    public void flush(String collection) {
        timed("flush", () -> {
            delegate.flush(collection);
            return null;
        });
    }
}
