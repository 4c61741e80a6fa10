package dev.codeindexer.server.http;

import static dev.codeindexer.server.ServeFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.codeindexer.server.ServeFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index job held in the middle of its run, deterministically: the server embeds through an OpenAI-compatible
 * endpoint (a real local HTTP server standing in for the paid API) that answers the held codebase's chunks only when
 * the test opens its gate. While the job is held it must report itself running with its files counted, and searches
 * of another codebase must be answered; once released it must finish with every file.
 */
class IndexJobProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELD = "heldcodebasemarker";

    @TempDir
    Path home;
    private HttpServer embeddings;
    private ServeFixture server;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        if (server != null) {
            server.close();
        }
        if (embeddings != null) {
            embeddings.stop(0);
        }
    }

    /** Deterministic unit-free vectors from each text; requests with the held codebase's text wait for the gate. */
    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            if (request.get("input").toString().contains(HELD)) {
                held.countDown();
                try {
                    gate.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ObjectNode out = JSON.createObjectNode();
            ArrayNode data = out.putArray("data");
            for (int i = 0; i < request.get("input").size(); i++) {
                int h = request.get("input").get(i).asText().hashCode();
                ArrayNode v = data.addObject().put("index", i).putArray("embedding");
                for (int d = 0; d < 8; d++) {
                    v.add(((h >>> d) & 0xff) + 1);
                }
            }
            byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Test
    void aHeldJobReportsItsProgressWhileSearchesOfOtherCodebasesAreAnswered() throws Exception {
        embeddings = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        embeddings.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        embeddings.createContext("/v1/embeddings", this::answer);
        embeddings.start();
        Path config = Files.writeString(home.resolve("config.yaml"), """
                embedding:
                  provider: openai
                  base_url: http://127.0.0.1:%d/v1
                  model: gated
                  api_key: not-a-secret
                  batch_size: 4
                """.formatted(embeddings.getAddress().getPort()));
        Path small = Files.createDirectories(home.resolve("small"));
        ServeFixture.writeCorpus(small);
        Path big = Files.createDirectories(home.resolve("big"));
        for (int i = 0; i < 30; i++) {
            Files.writeString(big.resolve("Service" + i + ".java"), """
                    public class Service%1$d {
                        /** Loads record %1$d (%2$s). */
                        public String load%1$d(String key) {
                            return "value-" + key;
                        }
                    }
                    """.formatted(i, HELD));
        }
        server = ServeFixture.start(home, "--config", config.toString());
        server.index(small);

        HttpResponse<String> started = server.post("/api/index", Map.of("path", big.toString()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = json(started).get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/jobs/" + id);
        assertThat(held.await(60, TimeUnit.SECONDS)).as("the job reached the model").isTrue();
        HttpResponse<String> again = server.post("/api/index", Map.of("path", big.toString()));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").get("code").asText()).isEqualTo("index_job_running");

        JsonNode running = json(server.get("/api/jobs/" + id));
        assertThat(running.get("state").asText()).isEqualTo("RUNNING");
        assertThat(running.get("files_total").asLong()).isEqualTo(30);
        // Lexical first: every file was read and stored before the model was called, and is found by its words.
        assertThat(running.get("phase").asText()).isEqualTo("embedding");
        assertThat(running.get("files_done").asLong()).isEqualTo(30);
        assertThat(running.get("chunks").asLong()).isGreaterThanOrEqualTo(30);
        assertThat(running.get("chunks_to_embed").asLong()).isEqualTo(running.get("chunks").asLong());
        assertThat(running.get("chunks_embedded").asLong()).as("embedded while the model is held")
                .isLessThan(running.get("chunks_to_embed").asLong());
        JsonNode during = json(server.post("/api/search", Map.of("path", big.toString(), "query", "load17 record",
                "top_k", 3)));
        assertThat(during.get("dense_coverage").asDouble()).isLessThan(1.0);
        assertThat(during.get("queries").get(0).get("results").get(0).get("entity_id").asText())
                .isEqualTo("Service17.load17");
        JsonNode hits = json(server.post("/api/search", Map.of("path", small.toString(), "query", "retryFailedUpload",
                "mode", "lexical", "top_k", 1))).get("queries").get(0).get("results");
        assertThat(hits.get(0).get("entity_id").asText()).isEqualTo("Retry.retryFailedUpload");
        assertThat(json(server.get("/api/jobs/" + id)).get("state").asText()).as("still held").isEqualTo("RUNNING");

        gate.countDown();
        JsonNode done = server.awaitJob(id, Duration.ofMinutes(2));
        assertThat(done.get("files_done").asLong()).isEqualTo(30);
        assertThat(done.get("report").get("files_indexed").asLong()).isEqualTo(30);
        assertThat(done.get("chunks_embedded").asLong()).isEqualTo(done.get("chunks_to_embed").asLong());
        assertThat(json(server.post("/api/search", Map.of("path", big.toString(), "query", "load17", "top_k", 1)))
                .get("dense_coverage").asDouble()).isEqualTo(1.0);
    }
}
