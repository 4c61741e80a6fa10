package dev.codeindexer.embed;

/** The embedding configuration cannot work (unknown provider or model, missing artifact, bad value). */
public class EmbeddingConfigException extends EmbeddingException {
    public EmbeddingConfigException(String message) {
        super(message);
    }

    public EmbeddingConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
