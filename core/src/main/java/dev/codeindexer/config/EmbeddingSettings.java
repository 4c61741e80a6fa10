package dev.codeindexer.config;

/**
 * The {@code embedding} block.
 *
 * @param provider   {@code onnx} (in-process, default), {@code openai} (any OpenAI-compatible endpoint) or
 *                   {@code ollama}
 * @param model      model name; empty means the provider's default
 * @param baseUrl    endpoint of an HTTP provider
 * @param apiKey     key of an HTTP provider; write {@code ${OPENAI_API_KEY}} rather than the key itself
 * @param dimensions requested output dimension where the provider supports it
 * @param batchSize  texts per model call or HTTP request
 * @param threads    inference threads of the in-process model (0 = all cores)
 * @param timeout    seconds allowed for one HTTP request
 */
public record EmbeddingSettings(String provider, String model, String baseUrl, String apiKey, Integer dimensions,
                                Integer batchSize, Integer threads, Integer timeout) {
    public EmbeddingSettings {
        provider = Check.oneOf("embedding.provider", Check.or(provider, "onnx"), java.util.List.of("onnx", "openai", "ollama"));
        batchSize = Check.range("embedding.batch_size", Check.or(batchSize, 32), 1, 4096);
        threads = Check.range("embedding.threads", Check.or(threads, 0), 0, 1024);
        timeout = Check.range("embedding.timeout", Check.or(timeout, 60), 1, 3600);
        if (dimensions != null) {
            Check.range("embedding.dimensions", dimensions, 1, 32_768);
        }
    }

    public static EmbeddingSettings defaults() {
        return new EmbeddingSettings(null, null, null, null, null, null, null, null);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "EmbeddingSettings[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + Check.mask(apiKey) + ", dimensions=" + dimensions + ", batchSize=" + batchSize + ", threads="
                + threads + ", timeout=" + timeout + "]";
    }
}
