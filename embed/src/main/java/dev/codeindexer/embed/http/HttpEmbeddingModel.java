package dev.codeindexer.embed.http;

import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingException;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.ModelIds;
import dev.codeindexer.embed.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedding model served over HTTP: an OpenAI-compatible {@code /embeddings} endpoint or Ollama's native
 * {@code /api/embed}. Texts go out in requests of at most {@code batch_size} inputs, one request at a time; failed
 * requests are retried per {@link RetryPolicy}. Returned vectors are L2-normalized. The dimension is the configured
 * one (and every response is checked against it) or the one the first response shows. Thread-safe.
 */
public final class HttpEmbeddingModel implements EmbeddingModel {
    private static final int OPENAI_MAX_TOKENS = 8191;
    private static final int OLLAMA_MAX_TOKENS = 512;

    private final WireFormat wire;
    private final HttpTransport transport;
    private final String modelId;
    private final int batchSize;
    private final String queryPrefix;
    private final String documentPrefix;
    private final int maxInputTokens;
    private final AtomicInteger dimension;

    private HttpEmbeddingModel(WireFormat wire, EmbeddingConfig config, RetryPolicy retry, int defaultMaxTokens) {
        this.wire = wire;
        PromptConventions conventions = PromptConventions.of(config.model());
        this.queryPrefix = config.queryPrefix() != null ? config.queryPrefix() : conventions.queryPrefix();
        this.documentPrefix = config.documentPrefix() != null ? config.documentPrefix() : conventions.documentPrefix();
        this.modelId = ModelIds.withDocumentPrefix(wire.modelId(), documentPrefix, conventions.documentPrefix());
        this.batchSize = config.batchSize();
        this.maxInputTokens = config.maxInputTokens() != null ? config.maxInputTokens() : defaultMaxTokens;
        this.dimension = new AtomicInteger(config.dimensions() == null ? 0 : config.dimensions());
        this.transport = new HttpTransport(wire.endpoint(), config.timeout(), retry, config.resolveApiKey(), wire.keyHint());
    }

    /** An OpenAI-compatible endpoint ({@code provider: openai}); no request is sent until the first embedding. */
    public static HttpEmbeddingModel openAi(EmbeddingConfig config, RetryPolicy retry) {
        return new HttpEmbeddingModel(new OpenAiWireFormat(config), config, retry, OPENAI_MAX_TOKENS);
    }

    /** Ollama's native API ({@code provider: ollama}); no request is sent until the first embedding. */
    public static HttpEmbeddingModel ollama(EmbeddingConfig config, RetryPolicy retry) {
        return new HttpEmbeddingModel(new OllamaWireFormat(config), config, retry, OLLAMA_MAX_TOKENS);
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return embed(texts, documentPrefix);
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return embed(queries, queryPrefix);
    }

    @Override
    public int dimension() {
        int d = dimension.get();
        if (d == 0) {
            embedDocuments(List.of("dimension probe"));
            d = dimension.get();
        }
        return d;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int maxInputTokens() {
        return maxInputTokens;
    }

    @Override
    public int countTokens(String text) {
        return TokenEstimate.of(documentPrefix + text);
    }

    private List<float[]> embed(List<String> texts, String prefix) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (int from = 0; from < texts.size(); from += batchSize) {
            List<String> batch = new ArrayList<>(Math.min(batchSize, texts.size() - from));
            for (String t : texts.subList(from, Math.min(texts.size(), from + batchSize))) {
                batch.add(prefix + Objects.requireNonNull(t, "texts must not contain null"));
            }
            for (float[] v : wire.vectors(transport.post(wire.endpoint(), wire.body(batch)), batch.size())) {
                checkDimension(v.length);
                out.add(Vectors.normalize(v));
            }
        }
        return out;
    }

    private void checkDimension(int got) {
        int expected = dimension.compareAndExchange(0, got);
        if (expected != 0 && expected != got) {
            throw new EmbeddingException(wire.endpoint() + " returned a " + got + "-dimensional vector for " + modelId
                    + ", expected " + expected + "; set embedding.dimensions to what the model produces, or use a"
                    + " model that supports the requested dimensions");
        }
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "HttpEmbeddingModel[" + modelId + " at " + wire.endpoint() + "]";
    }
}
