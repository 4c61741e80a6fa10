package dev.codeindexer.embed;

import dev.codeindexer.error.CallerError;

/** The embedding configuration cannot work (unknown provider or model, missing artifact, bad value). */
public class EmbeddingConfigException extends EmbeddingException implements CallerError {
    public EmbeddingConfigException(String message) {
        super(message);
    }

    public EmbeddingConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
