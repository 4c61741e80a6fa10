package dev.codeindexer.index;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.ChunkerOptions;
import dev.codeindexer.chunk.TokenCounter;
import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.config.EmbeddingSettings;
import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.EmbeddingModels;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the embedding model from the config file's {@code embedding} block and adapts it to the chunker. */
public final class Models {
    private Models() {
    }

    /**
     * The model of the config file's {@code embedding} block behind the shared on-disk embedding cache in
     * {@code cacheDir} (none when null).
     *
     * @throws EmbeddingConfigException if the model cannot be built, or produces vectors of another length than
     *                                  {@code vector_store.embedding_dimension} when that is set
     */
    public static EmbeddingModel create(CodeIndexerConfig config, Path cacheDir) {
        EmbeddingConfig embedding = embeddingConfig(config.embedding());
        EmbeddingModel model = EmbeddingModels.create(embedding, cacheDir);
        try {
            checkDimension(config, embedding, model);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    static EmbeddingConfig embeddingConfig(EmbeddingSettings s) {
        return EmbeddingConfig.builder()
                .provider(s.provider()).model(s.model()).baseUrl(s.baseUrl()).apiKey(s.apiKey())
                .apiKeyEnv(s.apiKeyEnv()).dimensions(s.dimensions()).batchSize(s.batchSize()).threads(s.threads())
                .timeout(s.timeout() == null ? null : Duration.ofSeconds(s.timeout())).maxRetries(s.maxRetries())
                .queryPrefix(s.queryPrefix()).documentPrefix(s.documentPrefix()).maxInputTokens(s.maxInputTokens())
                .modelPath(s.modelPath() == null || s.modelPath().isBlank() ? null : Path.of(s.modelPath().trim()))
                .build();
    }

    /**
     * An in-process model's dimension is known once it is loaded; an HTTP model's only from its config (asking it
     * would cost a request), so an unconfigured one is left to the index fingerprint, which refuses to mix lengths.
     */
    private static void checkDimension(CodeIndexerConfig config, EmbeddingConfig embedding, EmbeddingModel model) {
        Integer expected = config.vectorStore().embeddingDimension();
        Integer actual = EmbeddingConfig.ONNX.equals(embedding.provider()) ? Integer.valueOf(model.dimension())
                : embedding.dimensions();
        if (expected != null && actual != null && !expected.equals(actual)) {
            String source = embedding.modelPath() != null ? " (embedding.model_path " + embedding.modelPath() + ")" : "";
            throw new EmbeddingConfigException("vector_store.embedding_dimension is " + expected + ", but the embedding"
                    + " model " + model.modelId() + source + " produces " + actual + "-dimensional vectors; set"
                    + " vector_store.embedding_dimension: " + actual + ", or remove it to take the model's");
        }
    }

    /** The model's own tokenizer as the chunker's budget, so chunks are sized in the tokens the model reads. */
    public static TokenCounter tokenCounter(EmbeddingModel model) {
        return new TokenCounter() {
            @Override
            public int count(CharSequence text) {
                return model.countTokens(text.toString());
            }

            @Override
            public String id() {
                return model.modelId();
            }
        };
    }

    /**
     * The chunker's part of the index fingerprint: its version and budget. The token counter is the model's,
     * whose id the fingerprint holds already.
     */
    public static String chunkerFingerprint(ChunkerOptions options) {
        return Chunker.CHUNKER_VERSION + "/" + options.maxTokens() + "t/" + options.overlapLines() + "o";
    }
}
