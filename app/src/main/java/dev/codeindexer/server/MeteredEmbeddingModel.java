package dev.codeindexer.server;

import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.ForwardingEmbeddingModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Measures an embedding model: {@code code_indexer_embed_seconds} (a latency histogram per call, by {@code kind}
 * documents or queries, and {@code outcome}) and {@code code_indexer_embed_texts_total}. Everything else is
 * delegated unchanged, so the model's contract holds.
 */
public final class MeteredEmbeddingModel extends ForwardingEmbeddingModel {
    private final MeterRegistry registry;

    public MeteredEmbeddingModel(EmbeddingModel delegate, MeterRegistry registry) {
        super(delegate);
        this.registry = registry;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return timed("documents", texts.size(), () -> delegate.embedDocuments(texts));
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return timed("queries", queries.size(), () -> delegate.embedQueries(queries));
    }

    private List<float[]> timed(String kind, int texts, Supplier<List<float[]>> call) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            List<float[]> out = call.get();
            outcome = "success";
            return out;
        } finally {
            sample.stop(Timer.builder("code_indexer_embed").description("Embedding calls, by kind and outcome")
                    .tags("kind", kind, "outcome", outcome, "model", delegate.modelId())
                    .publishPercentileHistogram().register(registry));
            Counter.builder("code_indexer_embed_texts").description("Texts embedded").tags("kind", kind)
                    .register(registry).increment(texts);
        }
    }
}
