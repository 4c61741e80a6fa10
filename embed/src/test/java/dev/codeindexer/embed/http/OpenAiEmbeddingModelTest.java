package dev.codeindexer.embed.http;

import static dev.codeindexer.embed.http.FakeEmbeddingServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingException;
import dev.codeindexer.embed.EmbeddingProviderException;
import dev.codeindexer.embed.EmbeddingUnavailableException;
import dev.codeindexer.embed.Vectors;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The OpenAI-compatible provider against a real local HTTP server speaking OpenAI's wire format. */
class OpenAiEmbeddingModelTest {
    private static final String KEY = "sk-test-0123456789abcdef";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofSeconds(5));

    private FakeEmbeddingServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeEmbeddingServer(FakeEmbeddingServer.Wire.OPENAI);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EmbeddingConfig.Builder config() {
        return EmbeddingConfig.builder().provider("openai").baseUrl(server.baseUrl()).apiKey(KEY)
                .model("text-embedding-3-small").timeout(Duration.ofSeconds(5));
    }

    @Test
    void splitsIntoRequestsOfBatchSizeAndKeepsInputOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            texts.add("chunk " + i);
        }
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().batchSize(3).build(), FAST)) {
            List<float[]> vectors = model.embedDocuments(texts);
            assertThat(server.requests).hasSize(3);
            assertThat(server.requests.stream().map(r -> r.body().path("input").size())).containsExactly(3, 3, 1);
            for (int i = 0; i < texts.size(); i++) {
                float[] expected = Vectors.normalize(server.vectorOf(texts.get(i)));
                assertThat(vectors.get(i)).containsExactly(expected);
            }
        }
    }

    @Test
    void sendsModelDimensionsAndBearerKeyToTheEmbeddingsPath() {
        server.dimension = 4;
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().dimensions(4).build(), FAST)) {
            model.embedQuery("find the parser");
            var request = server.requests.getFirst();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/v1/embeddings");
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(request.body().path("model").asText()).isEqualTo("text-embedding-3-small");
            assertThat(request.body().path("dimensions").asInt()).isEqualTo(4);
            assertThat(request.body().path("encoding_format").asText()).isEqualTo("float");
            // OpenAI models have no query convention: the query goes out as written.
            assertThat(request.body().path("input").get(0).asText()).isEqualTo("find the parser");
            assertThat(model.modelId()).isEqualTo("openai:text-embedding-3-small@4");
        }
    }

    @Test
    void aQueryStringOnTheBaseUrlIsKeptForAzureStyleGateways() {
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(
                config().baseUrl(server.baseUrl() + "/?api-version=2024-02-01").build(), FAST)) {
            model.embedDocuments(List.of("x"));
            assertThat(server.requests.getFirst().path()).isEqualTo("/v1/embeddings");
            assertThat(server.requests.getFirst().query()).isEqualTo("api-version=2024-02-01");
        }
    }

    @Test
    void retriesA429AfterTheDelayTheServerAsksFor() {
        server.then(new Reply(429, Map.of("Retry-After", "1"), "{\"error\":{\"message\":\"Rate limit\"}}", 0));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            long start = System.nanoTime();
            assertThat(model.embedDocuments(List.of("a", "b"))).hasSize(2);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(server.requests).hasSize(2);
        }
    }

    @Test
    void aRetryAfterLongerThanTheLimitFailsAtOnceSayingSo() {
        server.then(new Reply(429, Map.of("Retry-After", "3600"), "{}", 0));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingUnavailableException.class).hasMessageContaining("3600 s");
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        server.then(Reply.status(500, "boom")).then(Reply.status(503, "")).then(Reply.status(502, "<html>bad gateway"));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            assertThat(model.embedDocuments(List.of("a"))).hasSize(1);
            assertThat(server.requests).hasSize(4);
        }
    }

    @Test
    void givesUpAfterMaxRetriesNamingTheLastProblem() {
        for (int i = 0; i < 4; i++) {
            server.then(Reply.status(500, "{\"error\":{\"message\":\"model overloaded\"}}"));
        }
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingUnavailableException.class)
                    .hasMessageContaining("after 4 attempts").hasMessageContaining("500 model overloaded")
                    .hasMessageContaining("embedding.max_retries");
            assertThat(server.requests).hasSize(4);
        }
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        server.then(Reply.slow(1_500));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().timeout(Duration.ofMillis(300)).build(), FAST)) {
            assertThat(model.embedDocuments(List.of("a"))).hasSize(1);
            assertThat(server.requests).hasSize(2);
        }
    }

    @Test
    void aServerThatNeverAnswersInTimeFailsNamingTheTimeout() {
        for (int i = 0; i < 4; i++) {
            server.then(Reply.slow(1_000));
        }
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().timeout(Duration.ofMillis(200)).build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingUnavailableException.class).hasMessageContaining("no answer within")
                    .hasMessageContaining("embedding.timeout");
        }
    }

    @Test
    void unauthorizedNamesTheKeySettingsAndNeverTheKey() {
        server.then(Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingProviderException.class)
                    .hasMessageStartingWith("401 from " + server.baseUrl() + "/embeddings: ")
                    .hasMessageContaining("OPENAI_API_KEY or embedding.api_key")
                    .satisfies(e -> assertThat(((EmbeddingProviderException) e).status()).isEqualTo(401))
                    .message().doesNotContain(KEY);
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSentAndA401SaysHowToSetOne() {
        server.then(Reply.status(401, "{\"error\":{\"message\":\"You didn't provide an API key.\"}}"));
        EmbeddingConfig noKey = config().apiKey(null).apiKeyEnv("CODE_INDEXER_TEST_UNSET_KEY_VAR").build();
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(noKey, FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .hasMessageContaining("set CODE_INDEXER_TEST_UNSET_KEY_VAR or embedding.api_key");
            assertThat(server.requests.getFirst().header("Authorization")).isNull();
        }
    }

    @Test
    void badRequestShowsTheProvidersExplanationAndIsNotRetried() {
        server.then(Reply.status(400, "{\"error\":{\"message\":\"This model does not support specifying dimensions.\"}}"));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().dimensions(8).build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingProviderException.class)
                    .hasMessageContaining("does not support specifying dimensions")
                    .hasMessageContaining("embedding.dimensions");
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void aWrongPathGives404NamingTheBaseUrl() {
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(
                config().baseUrl(server.baseUrl().replace("/v1", "/v2")).build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingProviderException.class).hasMessageStartingWith("404 from ")
                    .hasMessageContaining("embedding.base_url");
        }
    }

    @Test
    void nothingListeningIsUnavailableAfterRetries() {
        int port = server.baseUrl().hashCode();
        server.close();
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingUnavailableException.class).hasMessageContaining("cannot reach the server");
        }
        assertThat(port).isNotZero();
    }

    @Test
    void theDimensionComesFromTheFirstResponseAndIsCheckedAfterwards() {
        server.dimension = 6;
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            assertThat(model.dimension()).isEqualTo(6);
            assertThat(server.requests).hasSize(1);
            assertThat(model.dimension()).isEqualTo(6);
            assertThat(server.requests).hasSize(1);
            server.dimension = 7;
            assertThatThrownBy(() -> model.embedDocuments(List.of("b"))).isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("7-dimensional").hasMessageContaining("expected 6");
        }
    }

    @Test
    void aConfiguredDimensionIsKnownWithoutARequest() {
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().dimensions(8).build(), FAST)) {
            assertThat(model.dimension()).isEqualTo(8);
            assertThat(server.requests).isEmpty();
        }
    }

    @Test
    void aResponseWithTheWrongNumberOfVectorsIsAnError() {
        server.then(Reply.status(200, "{\"data\":[]}"));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a"))).isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("returned 0 embeddings for 1 inputs");
        }
    }

    @Test
    void logsOfFailedAttemptsNeverContainTheKey() {
        Logger logger = (Logger) LoggerFactory.getLogger(HttpTransport.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Level before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try (HttpEmbeddingModel model = HttpEmbeddingModel.openAi(config().build(), FAST)) {
            server.then(Reply.status(500, "{\"error\":{\"message\":\"bad key " + KEY + "\"}}"));
            model.embedDocuments(List.of("a"));
            assertThat(appender.list).isNotEmpty();
            assertThat(appender.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain(KEY));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
        assertThat(config().build().toString()).doesNotContain(KEY).contains("apiKey=****");
    }
}
