package dev.codeindexer.server.http;

import static dev.codeindexer.server.ServeFixture.json;
import static dev.codeindexer.server.ServeFixture.q;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.server.ServeFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asking a server about codebases it never indexed answers "not indexed" and creates nothing. */
class ReadsLeaveNoTraceTest {
    @TempDir
    Path data;
    @TempDir
    Path unknown;

    private List<Path> everythingUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    private static void assertNotIndexed(HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(json(r).get("error").get("code").asText()).isEqualTo("not_indexed");
        assertThat(json(r).get("error").get("message").asText()).contains("no index of");
    }

    @Test
    void aThousandStatusCallsAndEveryOtherReadOfUnknownPathsCreateNothing() throws Exception {
        try (ServeFixture server = ServeFixture.start(data)) {
            List<Path> before = everythingUnder(data);
            for (int i = 0; i < 1000; i++) {
                assertNotIndexed(server.get("/api/status?path=" + q(unknown.resolve("project-" + i))));
            }
            String path = unknown.toString();
            assertNotIndexed(server.post("/api/search", Map.of("path", path, "query", "upload")));
            assertNotIndexed(server.post("/api/grep", Map.of("path", path, "pattern", "upload")));
            assertNotIndexed(server.get("/api/symbols?path=" + q(path) + "&name=Retry"));
            assertNotIndexed(server.get("/api/outline?path=" + q(path) + "&file=A.java"));
            assertNotIndexed(server.get("/api/collections?path=" + q(path)));
            assertNotIndexed(server.delete("/api/index?all=true&path=" + q(path)));
            assertNotIndexed(server.delete("/api/index?file=A.java&path=" + q(path)));

            assertThat(everythingUnder(data)).isEqualTo(before);
            assertThat(everythingUnder(unknown)).containsExactly(unknown);
        }
    }
}
