package dev.codeindexer.server.http;

import static dev.codeindexer.server.ServeFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindexer.server.ServeFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/search with {@code paths}, and GET /api/codebases for the page's picker. */
class SearchAcrossApiTest {
    @TempDir
    Path home;
    ServeFixture server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void severalCodebasesAreSearchedAsOneAndTheIndexedOnesAreListed() throws Exception {
        Path first = Files.createDirectories(home.resolve("first"));
        ServeFixture.writeCorpus(first);
        Path second = Files.createDirectories(home.resolve("second"));
        Files.writeString(second.resolve("Ledger.java"), """
                public class Ledger {
                    /** Retries posting a failed upload of ledger entries. */
                    public void retryLedgerUpload() {
                    }
                }
                """);
        server = ServeFixture.start(home);
        assertThat(json(server.get("/api/codebases")).get("codebases")).isEmpty();
        server.index(first);
        server.index(second);

        JsonNode listed = json(server.get("/api/codebases")).get("codebases");
        assertThat(listed).extracting(JsonNode::asText).containsExactly(first.toString(), second.toString());

        HttpResponse<String> answer = server.post("/api/search", Map.of("paths", List.of(first.toString(),
                second.toString()), "query", "retry a failed upload", "top_k", 20));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode body = json(answer);
        assertThat(body.get("codebases")).extracting(JsonNode::asText).containsExactly(first.toString(), second.toString());
        List<JsonNode> hits = new ArrayList<>();
        body.get("queries").get(0).get("results").forEach(hits::add);
        assertThat(hits).extracting(h -> h.get("codebase").asText()).contains(first.toString(), second.toString());
        assertThat(hits).extracting(h -> h.get("score").asDouble()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(hits).filteredOn(h -> h.get("entity_id").asText().equals("Ledger.retryLedgerUpload"))
                .extracting(h -> h.get("codebase").asText()).containsExactly(second.toString());

        HttpResponse<String> both = server.post("/api/search", Map.of("path", first.toString(),
                "paths", List.of(second.toString()), "query", "x"));
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(json(both).get("error").get("message").asText()).contains("'path'").contains("'paths'");
        HttpResponse<String> unknown = server.post("/api/search", Map.of("paths", List.of(first.toString(),
                home.resolve("never").toString()), "query", "x"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(home.resolve("never")).doesNotExist();
    }
}
