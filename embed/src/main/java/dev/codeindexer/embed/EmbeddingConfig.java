package dev.codeindexer.embed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How to build an {@link EmbeddingModel}; mirrors the YAML block
 * {@code embedding: {provider, model, base_url, api_key, api_key_env, dimensions, batch_size, threads, timeout,
 * max_retries, query_prefix, document_prefix, max_input_tokens, model_path}}. Null components take the provider's default, so
 * {@code EmbeddingConfig.defaults()} is the in-process default model.
 *
 * @param provider       {@code onnx} (in-process, default), {@code openai} (any OpenAI-compatible endpoint) or
 *                       {@code ollama} (native {@code /api/embed})
 * @param model          model name; defaults to {@code bge-small-en-v1.5-q}, {@code text-embedding-3-small} or
 *                       {@code nomic-embed-text} by provider
 * @param baseUrl        HTTP endpoint root, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434};
 *                       a query string (an Azure-style {@code ?api-version=...}) is kept on every request
 * @param apiKey         the key itself; when null it is read from the environment variable {@code apiKeyEnv}
 * @param apiKeyEnv      environment variable holding the key, default {@code OPENAI_API_KEY}
 * @param dimensions     requested output dimension (OpenAI {@code text-embedding-3-*}, Ollama); part of the model id
 * @param batchSize      texts per model call or HTTP request
 * @param threads        intra-op threads of the in-process model; 0 means all available processors
 * @param timeout        limit for one HTTP request
 * @param maxRetries     retries after a 429, a 5xx, a timeout or a refused connection, with exponential backoff
 * @param queryPrefix    text put before every query; null means the model's own convention
 * @param documentPrefix text put before every document; null means the model's own convention
 * @param maxInputTokens token limit of an HTTP model; null means the provider's default (ignored by {@code onnx})
 * @param modelPath      a model of one's own for {@code onnx}: a directory holding {@code model.onnx} and
 *                       {@code tokenizer.json} (see {@link dev.codeindexer.embed.onnx.ModelDirectory}); when set,
 *                       {@code model} stays null
 */
public record EmbeddingConfig(String provider, String model, String baseUrl, String apiKey, String apiKeyEnv,
                              Integer dimensions, Integer batchSize, Integer threads, Duration timeout,
                              Integer maxRetries, String queryPrefix, String documentPrefix, Integer maxInputTokens,
                              Path modelPath) {

    public static final String ONNX = "onnx";
    public static final String OPENAI = "openai";
    public static final String OLLAMA = "ollama";
    public static final List<String> PROVIDERS = List.of(ONNX, OPENAI, OLLAMA);

    public EmbeddingConfig {
        provider = blankToNull(provider) == null ? ONNX : provider.trim().toLowerCase(Locale.ROOT);
        if (!PROVIDERS.contains(provider)) {
            throw new EmbeddingConfigException("unknown embedding.provider '" + provider + "'; use one of " + PROVIDERS);
        }
        if (modelPath != null) {
            if (!ONNX.equals(provider)) {
                throw new EmbeddingConfigException("embedding.model_path is for provider onnx (a model run in-process),"
                        + " but embedding.provider is " + provider + "; remove model_path or set provider: onnx");
            }
            if (blankToNull(model) != null) {
                throw new EmbeddingConfigException("embedding.model ('" + model.trim() + "') and embedding.model_path ("
                        + modelPath + ") are both set; keep model for a built-in model or model_path for your own");
            }
            model = null;
        } else {
            model = blankToNull(model) == null ? defaultModel(provider) : model.trim();
        }
        baseUrl = blankToNull(baseUrl) == null ? defaultBaseUrl(provider) : stripTrailingSlash(baseUrl.trim());
        apiKey = blankToNull(apiKey);
        apiKeyEnv = blankToNull(apiKeyEnv) == null ? "OPENAI_API_KEY" : apiKeyEnv.trim();
        if (dimensions != null && dimensions < 1) {
            throw new EmbeddingConfigException("embedding.dimensions must be positive, got " + dimensions);
        }
        batchSize = positive("embedding.batch_size", batchSize, ONNX.equals(provider) ? 32 : 64);
        if (threads == null) {
            threads = 0;
        } else if (threads < 0) {
            throw new EmbeddingConfigException("embedding.threads must be 0 (all cores) or positive, got " + threads);
        }
        timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new EmbeddingConfigException("embedding.timeout must be positive, got " + timeout);
        }
        if (maxRetries == null) {
            maxRetries = 5;
        } else if (maxRetries < 0) {
            throw new EmbeddingConfigException("embedding.max_retries must be 0 or more, got " + maxRetries);
        }
        if (maxInputTokens != null && maxInputTokens < 1) {
            throw new EmbeddingConfigException("embedding.max_input_tokens must be positive, got " + maxInputTokens);
        }
    }

    /** The in-process default model with default settings. */
    public static EmbeddingConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.provider = provider;
        b.model = model;
        b.baseUrl = baseUrl;
        b.apiKey = apiKey;
        b.apiKeyEnv = apiKeyEnv;
        b.dimensions = dimensions;
        b.batchSize = batchSize;
        b.threads = threads;
        b.timeout = timeout;
        b.maxRetries = maxRetries;
        b.queryPrefix = queryPrefix;
        b.documentPrefix = documentPrefix;
        b.maxInputTokens = maxInputTokens;
        b.modelPath = modelPath;
        return b;
    }

    /** The configured key, else the environment variable's value, else null. */
    public String resolveApiKey() {
        return apiKey != null ? apiKey : blankToNull(System.getenv(apiKeyEnv));
    }

    /** Threads to use: {@link #threads()}, or all available processors when it is 0. */
    public int effectiveThreads() {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** Never prints the API key. */
    @Override
    public String toString() {
        return "EmbeddingConfig[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "<unset>" : "****") + ", apiKeyEnv=" + apiKeyEnv + ", dimensions=" + dimensions
                + ", batchSize=" + batchSize + ", threads=" + threads + ", timeout=" + timeout + ", maxRetries="
                + maxRetries + ", queryPrefix=" + queryPrefix + ", documentPrefix=" + documentPrefix
                + ", maxInputTokens=" + maxInputTokens + ", modelPath=" + modelPath + "]";
    }

    static String defaultModel(String provider) {
        return switch (provider) {
            case OPENAI -> "text-embedding-3-small";
            case OLLAMA -> "nomic-embed-text";
            default -> "bge-small-en-v1.5-q";
        };
    }

    private static String defaultBaseUrl(String provider) {
        return switch (provider) {
            case OPENAI -> "https://api.openai.com/v1";
            case OLLAMA -> "http://localhost:11434";
            default -> null;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String stripTrailingSlash(String url) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path + query;
    }

    private static int positive(String key, Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1) {
            throw new EmbeddingConfigException(key + " must be positive, got " + value);
        }
        return value;
    }

    /** Collects the optional parts; {@link #build()} validates. */
    public static final class Builder {
        private String provider;
        private String model;
        private String baseUrl;
        private String apiKey;
        private String apiKeyEnv;
        private Integer dimensions;
        private Integer batchSize;
        private Integer threads;
        private Duration timeout;
        private Integer maxRetries;
        private String queryPrefix;
        private String documentPrefix;
        private Integer maxInputTokens;
        private Path modelPath;

        private Builder() {
        }

        public Builder provider(String v) { provider = v; return this; }
        public Builder model(String v) { model = v; return this; }
        public Builder baseUrl(String v) { baseUrl = v; return this; }
        public Builder apiKey(String v) { apiKey = v; return this; }
        public Builder apiKeyEnv(String v) { apiKeyEnv = v; return this; }
        public Builder dimensions(Integer v) { dimensions = v; return this; }
        public Builder batchSize(Integer v) { batchSize = v; return this; }
        public Builder threads(Integer v) { threads = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder maxRetries(Integer v) { maxRetries = v; return this; }
        public Builder queryPrefix(String v) { queryPrefix = v; return this; }
        public Builder documentPrefix(String v) { documentPrefix = v; return this; }
        public Builder maxInputTokens(Integer v) { maxInputTokens = v; return this; }
        public Builder modelPath(Path v) { modelPath = v; return this; }

        public EmbeddingConfig build() {
            return new EmbeddingConfig(provider, model, baseUrl, apiKey, apiKeyEnv, dimensions, batchSize, threads,
                    timeout, maxRetries, queryPrefix, documentPrefix, maxInputTokens, modelPath);
        }
    }
}
