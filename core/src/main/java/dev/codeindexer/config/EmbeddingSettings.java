package dev.codeindexer.config;

/**
 * The {@code embedding} block, as written in the file. The embed module validates it (and names the key) when it
 * builds the model, so this record only carries the values; null means "the provider's default".
 *
 * @param provider       {@code onnx} (in-process, default), {@code openai} (any OpenAI-compatible endpoint:
 *                       OpenAI, Azure-style gateways, vLLM, LM Studio, Ollama's /v1) or {@code ollama} (native API)
 * @param model          model name
 * @param baseUrl        endpoint of an HTTP provider
 * @param apiKey         key of an HTTP provider; better left out and read from {@code apiKeyEnv}
 * @param apiKeyEnv      environment variable holding the key (default {@code OPENAI_API_KEY})
 * @param dimensions     requested output dimension where the provider supports it
 * @param batchSize      texts per model call or HTTP request
 * @param threads        inference threads of the in-process model (0 = all cores)
 * @param timeout        seconds allowed for one HTTP request
 * @param maxRetries     retries of 429/5xx answers, with backoff
 * @param queryPrefix    text put before every query (default: the model's own convention)
 * @param documentPrefix text put before every indexed chunk
 * @param maxInputTokens tokens the model reads before truncating (HTTP providers)
 * @param modelPath      directory of a model of one's own for provider {@code onnx} ({@code model.onnx},
 *                       {@code tokenizer.json}, optionally {@code code-indexer-model.json}); instead of {@code model}.
 *                       {@link ConfigLoader#load} resolves a relative path against the config file's directory
 */
public record EmbeddingSettings(String provider, String model, String baseUrl, String apiKey, String apiKeyEnv,
                                Integer dimensions, Integer batchSize, Integer threads, Integer timeout,
                                Integer maxRetries, String queryPrefix, String documentPrefix, Integer maxInputTokens,
                                String modelPath) {

    public static EmbeddingSettings defaults() {
        return new EmbeddingSettings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    public EmbeddingSettings withModelPath(String newModelPath) {
        return new EmbeddingSettings(provider, model, baseUrl, apiKey, apiKeyEnv, dimensions, batchSize, threads,
                timeout, maxRetries, queryPrefix, documentPrefix, maxInputTokens, newModelPath);
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "EmbeddingSettings[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + Check.mask(apiKey) + ", apiKeyEnv=" + apiKeyEnv + ", dimensions=" + dimensions + ", batchSize="
                + batchSize + ", threads=" + threads + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", modelPath=" + modelPath + "]";
    }
}
