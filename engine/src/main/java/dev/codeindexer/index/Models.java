package dev.codeindexer.index;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.ChunkerOptions;
import dev.codeindexer.chunk.TokenCounter;
import dev.codeindexer.config.EmbeddingSettings;
import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.EmbeddingModels;
import java.nio.file.Path;
import java.time.Duration;

/** Builds the embedding model from the config file's {@code embedding} block and adapts it to the chunker. */
public final class Models {
    private Models() {
    }

    /** The configured model behind the shared on-disk embedding cache in {@code cacheDir}. */
    public static EmbeddingModel create(EmbeddingSettings s, Path cacheDir) {
        EmbeddingConfig config = EmbeddingConfig.builder()
                .provider(s.provider()).model(s.model()).baseUrl(s.baseUrl()).apiKey(s.apiKey())
                .apiKeyEnv(s.apiKeyEnv()).dimensions(s.dimensions()).batchSize(s.batchSize()).threads(s.threads())
                .timeout(s.timeout() == null ? null : Duration.ofSeconds(s.timeout())).maxRetries(s.maxRetries())
                .queryPrefix(s.queryPrefix()).documentPrefix(s.documentPrefix()).maxInputTokens(s.maxInputTokens())
                .build();
        return EmbeddingModels.create(config, cacheDir);
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
