package dev.codeindexer.server.http;

import static dev.codeindexer.server.ServeFixture.json;
import static dev.codeindexer.server.ServeFixture.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.server.ServeFixture;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.roots}: what a server may index and search, by default and as configured, over real HTTP. */
class ServerRootsTest {
    @TempDir
    Path data;
    @TempDir
    Path userHome;
    @TempDir
    Path elsewhere;

    private static void assertOutside(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("outside_roots");
        assertThat(json(r).get("error").get("message").asText()).contains("server.roots");
    }

    @Test
    void unsetTheHomeDirectoryWithoutItsDotFoldersIsAllowed() throws Exception {
        Path repo = Files.createDirectories(userHome.resolve("src/repo"));
        ServeFixture.writeCorpus(repo);
        Path dotted = Files.createDirectories(userHome.resolve(".config/tool"));
        ServeFixture.writeCorpus(dotted);
        Files.createSymbolicLink(userHome.resolve("src/escape"), elsewhere);
        ServeFixture.writeCorpus(elsewhere);

        try (ServeFixture server = ServeFixture.start(data, Map.of("HOME", userHome.toString()))) {
            assertThat(server.index(repo).get("report").get("files_indexed").asInt()).isEqualTo(3);
            HttpResponse<String> found = server.post("/api/search", Map.of("path", repo.toString(), "query", "retry"));
            assertThat(found.statusCode()).as(found.body()).isEqualTo(200);

            for (Path outside : new Path[] {elsewhere, dotted, userHome.resolve("src/escape"), Path.of("/etc"),
                    userHome.resolve("src/../.config/tool")}) {
                assertOutside(server.post("/api/index", Map.of("path", outside.toString())));
                assertOutside(server.post("/api/search", Map.of("path", outside.toString(), "query", "retry")));
                assertOutside(server.post("/api/grep", Map.of("path", outside.toString(), "pattern", "retry")));
                assertOutside(server.get("/api/status?path=" + q(outside)));
                assertOutside(server.get("/api/symbols?path=" + q(outside) + "&name=Retry"));
                assertOutside(server.delete("/api/index?all=true&path=" + q(outside)));
            }
        }
    }

    @Test
    void configuredRootsReplaceTheDefault() throws Exception {
        Path repo = Files.createDirectories(userHome.resolve("src/repo"));
        Path config = Files.writeString(data.resolve("c.yaml"), "server:\n  roots: ['" + elsewhere + "']\n");
        try (ServeFixture server = ServeFixture.start(data, Map.of("HOME", userHome.toString()),
                "--config", config.toString())) {
            HttpResponse<String> inside = server.get("/api/status?path=" + q(elsewhere.resolve("any/project")));
            assertThat(inside.statusCode()).as(inside.body()).isNotEqualTo(403);
            assertOutside(server.get("/api/status?path=" + q(repo)));
        }
    }
}
