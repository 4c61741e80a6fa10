package dev.codeindexer.embed.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.embed.EmbeddingException;
import dev.codeindexer.embed.EmbeddingProviderException;
import dev.codeindexer.embed.EmbeddingUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON with retries. Statuses that retrying can fix (408, 429, 5xx) and network failures are retried per
 * {@link RetryPolicy}; every other non-2xx status becomes an {@link EmbeddingProviderException} whose message names
 * the fix. The API key is sent in a header and removed from anything the server echoes back; it is never logged.
 */
final class HttpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final Duration timeout;
    private final RetryPolicy retry;
    private final String apiKey;
    private final String keyHint;

    /**
     * @param apiKey  sent as {@code Authorization: Bearer}; null sends no key
     * @param keyHint how to supply a key, for the 401 message (e.g. "set OPENAI_API_KEY or embedding.api_key")
     */
    HttpTransport(URI endpoint, Duration timeout, RetryPolicy retry, String apiKey, String keyHint) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        if ("http".equalsIgnoreCase(endpoint.getScheme())) {
            // Plain-HTTP servers (Ollama, vLLM, LM Studio) speak HTTP/1.1; skip the h2c upgrade dance.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        this.client = builder.build();
        this.timeout = timeout;
        this.retry = retry;
        this.apiKey = apiKey;
        this.keyHint = keyHint;
    }

    /** POSTs {@code body} and returns the parsed 2xx response. */
    JsonNode post(URI uri, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest built = request.build();
        String lastProblem = null;
        for (int attempt = 0; ; attempt++) {
            Duration wait;
            try {
                HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(uri, response.body());
                }
                if (!retryable(status)) {
                    throw refused(uri, status, response.body());
                }
                lastProblem = status + " " + serverMessage(response.body());
                Optional<Duration> asked = retryAfter(response);
                if (asked.isPresent() && asked.get().compareTo(retry.maxRetryAfter()) > 0) {
                    throw new EmbeddingUnavailableException(status + " from " + uri + ": the provider asks to wait "
                            + asked.get().toSeconds() + " s (Retry-After), longer than " + retry.maxRetryAfter().toSeconds()
                            + " s; try again later or lower embedding.batch_size");
                }
                Duration backoff = retry.backoff(attempt);
                wait = asked.filter(a -> a.compareTo(backoff) > 0).orElse(backoff);
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + (timeout.toMillis() < 10_000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s");
                wait = retry.backoff(attempt);
            } catch (IOException e) {
                lastProblem = "cannot reach the server (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
                wait = retry.backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddingException("interrupted while waiting for " + uri, e);
            }
            if (attempt >= retry.maxRetries()) {
                throw new EmbeddingUnavailableException("embedding request to " + uri + " failed after "
                        + (attempt + 1) + " attempts, last: " + lastProblem + "; check that the server is up, or raise"
                        + " embedding.timeout / embedding.max_retries");
            }
            LOG.debug("embedding request to {} failed ({}); retry {} of {} in {} ms", uri, lastProblem, attempt + 1,
                    retry.maxRetries(), wait.toMillis());
            sleep(wait, uri);
        }
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private EmbeddingProviderException refused(URI uri, int status, String body) {
        String what = status + " from " + uri + ": " + serverMessage(body) + "; ";
        String fix = switch (status) {
            case 401 -> apiKey == null ? keyHint : "the key was rejected; " + keyHint + " with a valid key";
            case 403 -> "the key may not use this model or endpoint; check its permissions or embedding.model";
            case 404 -> "check embedding.base_url (the path) and embedding.model";
            case 400, 413, 422 -> "the provider rejected the request; check embedding.model and embedding.dimensions,"
                    + " or lower embedding.batch_size";
            default -> "check embedding.base_url and the provider's documentation";
        };
        return new EmbeddingProviderException(status, what + fix);
    }

    /** The provider's own explanation (OpenAI {@code error.message}, Ollama {@code error}), key removed. */
    String serverMessage(String body) {
        String message = body == null ? "" : body.strip();
        try {
            JsonNode error = JSON.readTree(message).path("error");
            if (error.isTextual()) {
                message = error.asText();
            } else if (error.path("message").isTextual()) {
                message = error.path("message").asText();
            }
        } catch (JsonProcessingException notJson) {
            // Plain-text or HTML error pages are shown as they are (shortened below).
        }
        if (apiKey != null && !apiKey.isEmpty()) {
            message = message.replace(apiKey, "****");
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "...";
        }
        return message.isEmpty() ? "(empty body)" : message;
    }

    private static JsonNode parse(URI uri, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new EmbeddingException("the answer of " + uri + " is not JSON (" + e.getOriginalMessage()
                    + "); is embedding.base_url an embedding API?", e);
        }
    }

    /** Retry-After as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            String v = value.trim();
            try {
                return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (RuntimeException unparseable) {
                    return Optional.empty();
                }
            }
        });
    }

    private static void sleep(Duration d, URI uri) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while waiting to retry " + uri, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
