package dev.codeindexer.embed.http;

import static dev.codeindexer.embed.http.FakeEmbeddingServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingProviderException;
import dev.codeindexer.embed.Vectors;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Ollama provider against a real local HTTP server speaking Ollama's native {@code /api/embed}. */
class OllamaEmbeddingModelTest {
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofSeconds(5));
    private FakeEmbeddingServer server;

    @BeforeEach
    void start() throws IOException {
        server = new FakeEmbeddingServer(FakeEmbeddingServer.Wire.OLLAMA);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private EmbeddingConfig.Builder config() {
        return EmbeddingConfig.builder().provider("ollama").baseUrl(server.baseUrl()).timeout(Duration.ofSeconds(5));
    }

    @Test
    void postsBatchesToApiEmbedWithTheModelsPrefixes() {
        try (HttpEmbeddingModel model = HttpEmbeddingModel.ollama(config().batchSize(2).build(), FAST)) {
            List<float[]> docs = model.embedDocuments(List.of("a", "b", "c"));
            float[] query = model.embedQuery("where is x parsed");
            assertThat(server.requests).hasSize(3);
            var first = server.requests.getFirst();
            assertThat(first.path()).isEqualTo("/api/embed");
            assertThat(first.body().path("model").asText()).isEqualTo("nomic-embed-text");
            assertThat(first.body().path("truncate").asBoolean()).isTrue();
            assertThat(first.header("Authorization")).isNull();
            // nomic-embed-text was trained with task prefixes; documents and queries get theirs.
            assertThat(first.body().path("input").get(0).asText()).isEqualTo("search_document: a");
            assertThat(server.requests.get(2).body().path("input").get(0).asText())
                    .isEqualTo("search_query: where is x parsed");
            assertThat(docs.get(2)).containsExactly(Vectors.normalize(server.vectorOf("search_document: c")));
            assertThat(query).containsExactly(Vectors.normalize(server.vectorOf("search_query: where is x parsed")));
        }
    }

    @Test
    void modelIdNamesTheTagSoThatNameAndNameLatestAreOneModel() {
        try (HttpEmbeddingModel a = HttpEmbeddingModel.ollama(config().model("nomic-embed-text").build(), FAST);
             HttpEmbeddingModel b = HttpEmbeddingModel.ollama(config().model("nomic-embed-text:latest").build(), FAST);
             HttpEmbeddingModel c = HttpEmbeddingModel.ollama(config().model("nomic-embed-text:v1.5").build(), FAST)) {
            assertThat(a.modelId()).isEqualTo("ollama:nomic-embed-text:latest").isEqualTo(b.modelId());
            assertThat(c.modelId()).isEqualTo("ollama:nomic-embed-text:v1.5");
        }
    }

    @Test
    void aCustomDocumentPrefixChangesTheModelId() {
        try (HttpEmbeddingModel model = HttpEmbeddingModel.ollama(config().model("all-minilm").documentPrefix("code: ")
                .build(), FAST)) {
            assertThat(model.modelId()).startsWith("ollama:all-minilm:latest#doc-prefix-");
        }
    }

    @Test
    void aMissingModelIs404WithTheServersMessage() {
        server.then(Reply.status(404, "{\"error\":\"model \\\"nomic-embed-text\\\" not found, try pulling it first\"}"));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.ollama(config().build(), FAST)) {
            assertThatThrownBy(() -> model.embedDocuments(List.of("a")))
                    .isInstanceOf(EmbeddingProviderException.class)
                    .hasMessageContaining("try pulling it first").hasMessageContaining("embedding.model");
        }
    }

    @Test
    void retriesWhileTheServerIsBusy() {
        server.then(Reply.status(503, "{\"error\":\"server busy\"}"))
                .then(new Reply(429, Map.of("Retry-After", "0"), "", 0));
        try (HttpEmbeddingModel model = HttpEmbeddingModel.ollama(config().build(), FAST)) {
            assertThat(model.embedDocuments(List.of("a"))).hasSize(1);
            assertThat(server.requests).hasSize(3);
        }
    }

    @Test
    void tokenCountsAreAnEstimateThatErrsHigh() {
        try (HttpEmbeddingModel model = HttpEmbeddingModel.ollama(config().model("all-minilm").build(), FAST)) {
            assertThat(model.countTokens("")).isZero();
            assertThat(model.countTokens("getUserName()")).isEqualTo(6);
            assertThat(model.countTokens("变量")).isEqualTo(6);
            assertThat(model.maxInputTokens()).isEqualTo(512);
        }
    }
}
