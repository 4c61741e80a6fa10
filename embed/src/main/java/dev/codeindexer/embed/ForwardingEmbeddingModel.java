package dev.codeindexer.embed;

import java.util.List;
import java.util.Objects;

/**
 * A model that passes every call to another: the base of decorators (the embedding cache, metrics) so that each
 * overrides only what it changes and the model's contract (id, dimension, token budget, close) holds unchanged.
 */
public abstract class ForwardingEmbeddingModel implements EmbeddingModel {
    protected final EmbeddingModel delegate;

    protected ForwardingEmbeddingModel(EmbeddingModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return delegate.embedDocuments(texts);
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return delegate.embedQueries(queries);
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int maxInputTokens() {
        return delegate.maxInputTokens();
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }

    @Override
    public void prepare() {
        delegate.prepare();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
