package dev.codeindexer.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deterministic in-memory model for tests of code that sits on top of models: the vector of a text depends only on
 * the text, its kind (document or query) and the model id. Counts what it was asked to embed.
 */
public final class FakeEmbeddingModel implements EmbeddingModel {
    private final String id;
    private final int dimension;
    public final AtomicInteger embedded = new AtomicInteger();
    public final AtomicInteger calls = new AtomicInteger();
    public volatile boolean closed;

    public FakeEmbeddingModel(String id, int dimension) {
        this.id = id;
        this.dimension = dimension;
    }

    /** The vector this model gives {@code text} as a document. */
    public float[] documentVector(String text) {
        return vector("d" + id + text);
    }

    public float[] queryVector(String text) {
        return vector("q" + id + text);
    }

    private float[] vector(String seed) {
        float[] v = new float[dimension];
        long h = seed.hashCode() * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < dimension; i++) {
            h ^= h >>> 29;
            h *= 0xBF58476D1CE4E5B9L;
            v[i] = (h >>> 40) / (float) (1 << 24) - 0.5f;
        }
        return Vectors.normalize(v);
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        calls.incrementAndGet();
        embedded.addAndGet(texts.size());
        List<float[]> out = new ArrayList<>();
        texts.forEach(t -> out.add(documentVector(t)));
        return out;
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
        calls.incrementAndGet();
        embedded.addAndGet(queries.size());
        List<float[]> out = new ArrayList<>();
        queries.forEach(t -> out.add(queryVector(t)));
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelId() {
        return id;
    }

    @Override
    public int maxInputTokens() {
        return 510;
    }

    @Override
    public int countTokens(String text) {
        return text.length();
    }

    @Override
    public void close() {
        closed = true;
    }
}
