package dev.codeindexer.embed;

import dev.codeindexer.embed.cache.CachingEmbeddingModel;
import dev.codeindexer.embed.http.HttpEmbeddingModel;
import dev.codeindexer.embed.http.RetryPolicy;
import dev.codeindexer.embed.onnx.ModelDirectory;
import dev.codeindexer.embed.onnx.OnnxEmbeddingModel;
import dev.codeindexer.embed.onnx.OnnxModelSpec;
import java.nio.file.Path;

/** Builds the {@link EmbeddingModel} an {@link EmbeddingConfig} describes. */
public final class EmbeddingModels {
    private EmbeddingModels() {
    }

    /**
     * The configured model, behind an on-disk cache when {@code cacheDirOrNull} is given. The in-process model is
     * loaded here (a second or two); HTTP models send nothing until first used.
     *
     * @throws EmbeddingConfigException for an unknown model, a missing model artifact or model directory file, or
     *                                  an unusable base URL
     */
    public static EmbeddingModel create(EmbeddingConfig config, Path cacheDirOrNull) {
        EmbeddingModel model = switch (config.provider()) {
            case EmbeddingConfig.ONNX -> config.modelPath() != null
                    ? ModelDirectory.open(config.modelPath(), config.queryPrefix(), config.documentPrefix(),
                            config.effectiveThreads(), config.batchSize())
                    : OnnxEmbeddingModel.open(OnnxModelSpec.named(config.model())
                                    .withPrefixes(config.queryPrefix(), config.documentPrefix()),
                            config.effectiveThreads(), config.batchSize());
            case EmbeddingConfig.OPENAI -> HttpEmbeddingModel.openAi(config, RetryPolicy.defaults(config.maxRetries()));
            case EmbeddingConfig.OLLAMA -> HttpEmbeddingModel.ollama(config, RetryPolicy.defaults(config.maxRetries()));
            default -> throw new EmbeddingConfigException("unknown embedding.provider '" + config.provider()
                    + "'; use one of " + EmbeddingConfig.PROVIDERS);
        };
        if (cacheDirOrNull == null) {
            return model;
        }
        try {
            return CachingEmbeddingModel.open(model, cacheDirOrNull);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
