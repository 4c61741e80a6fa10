package dev.codeindexer.server.http;

import static dev.codeindexer.server.ServeFixture.json;
import static dev.codeindexer.server.ServeFixture.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindexer.server.ServeFixture;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over a real socket: the real serve command, store and model, one server for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerTest {
    @TempDir
    static Path home;
    @TempDir
    static Path repo;

    private ServeFixture server;

    @BeforeAll
    void start() throws Exception {
        ServeFixture.writeCorpus(repo);
        server = ServeFixture.start(home);
        JsonNode job = server.index(repo);
        assertThat(job.get("report").get("files_indexed").asInt()).isEqualTo(3);
        assertThat(job.get("files_done").asLong()).isEqualTo(job.get("files_total").asLong()).isEqualTo(3);
    }

    @AfterAll
    void stop() throws InterruptedException {
        server.close();
    }

    private JsonNode search(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = server.post("/api/search", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        return json(r).get("queries").get(0).get("results");
    }

    private static List<String> files(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.forEach(h -> out.add(h.get("file_path").asText()));
        return out;
    }

    @Test
    void searchFindsTheEntityWithFileAndLines() throws Exception {
        JsonNode top = search(Map.of("path", repo.toString(), "query", "retry a failed upload", "top_k", 3)).get(0);
        assertThat(top.get("file_path").asText()).isEqualTo("src/net/Retry.java");
        assertThat(top.get("entity_id").asText()).isEqualTo("Retry.retryFailedUpload");
        assertThat(top.get("start_line").asInt()).isEqualTo(3);
        assertThat(top.get("end_line").asInt()).isEqualTo(6);
        assertThat(top.get("content").asText()).contains("upload(file)");
    }

    @Test
    void searchAppliesEveryCliFilter() throws Exception {
        String root = repo.toString();
        assertThat(files(search(Map.of("path", root, "query", "upload", "languages", List.of("python")))))
                .isNotEmpty().allMatch(f -> f.equals("scripts/dates.py"));
        assertThat(search(Map.of("path", root, "query", "date", "entity_types", List.of("class"))))
                .allMatch(h -> h.get("entity_type").asText().equals("class"));
        assertThat(files(search(Map.of("path", root, "query", "date", "path_glob", "src/**/*.java"))))
                .isNotEmpty().allMatch(f -> f.startsWith("src/net/"));
        assertThat(search(Map.of("path", root, "query", "upload", "lines", "1-2", "languages", List.of("java"))))
                .allMatch(h -> h.get("start_line").asInt() <= 2);
        assertThat(search(Map.of("path", root, "query", "parseHeaderDate", "mode", "lexical", "top_k", 1)))
                .singleElement().satisfies(h -> assertThat(h.get("entity_id").asText()).isEqualTo("HttpDates.parseHeaderDate"));

        assertThat(search(Map.of("path", root, "query", "date", "filter", Map.of("operator", "and", "conditions", List.of(
                Map.of("field", "language", "operator", "eq", "value", "java"),
                Map.of("field", "entity_type", "operator", "in", "value", List.of("method")))))))
                .isNotEmpty().allMatch(h -> h.get("language").asText().equals("java")
                        && h.get("entity_type").asText().equals("method"));
        assertThat(files(search(Map.of("path", root, "query", "upload", "filter", Map.of("language", "python"),
                "path_glob", "src/**")))).as("the filter is and-ed with the other options").isEmpty();
        // A value that would break out of a quoted filter expression is matched literally, as a file name.
        assertThat(search(Map.of("path", root, "query", "upload", "filter",
                Map.of("file_path", "x\" || file_path != \"\") or (\"1\" == \"1")))).isEmpty();

        JsonNode two = json(server.post("/api/search", Map.of("path", root, "queries", List.of("upload", "http date"))));
        assertThat(two.get("queries")).hasSize(2);
        assertThat(two.get("queries").get(1).get("query").asText()).isEqualTo("http date");
    }

    @Test
    void grepAnswersEveryMatchingLine() throws Exception {
        JsonNode r = json(server.post("/api/grep", Map.of("path", repo.toString(), "pattern", "upload", "word", true)));
        assertThat(r.get("matches").findValuesAsText("file_path")).isNotEmpty().allMatch(f -> f.endsWith("Retry.java")
                || f.endsWith("dates.py"));
        assertThat(r.get("truncated").asBoolean()).isFalse();
        assertError(server.post("/api/grep", Map.of("path", repo.toString(), "pattern", "(", "regex", true)), 400,
                "invalid_request", "does not compile");
    }

    @Test
    void aDryRunAnswersAtOnceAndWritesNothing() throws Exception {
        Path fresh = Files.createTempDirectory(home, "fresh");
        ServeFixture.writeCorpus(fresh);
        HttpResponse<String> r = server.post("/api/index", Map.of("path", fresh.toString(), "dry_run", true));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.get("files").asInt()).isEqualTo(3);
        assertThat(report.get("by_language").has("python")).isTrue();
        assertThat(report.get("chunks_per_second").asDouble()).isPositive();
        assertError(server.get("/api/status?path=" + q(fresh)), 404, "not_indexed", "no index of");
        assertError(server.post("/api/index", Map.of("path", fresh.toString(), "dry_run", true, "full", true)), 400,
                "invalid_request", "dry_run");
    }

    @Test
    void statusJobsAndCollectionsDescribeTheIndex() throws Exception {
        JsonNode status = json(server.get("/api/status?path=" + q(repo)));
        assertThat(status.get("indexed").asBoolean()).isTrue();
        assertThat(status.get("index").get("files").asInt()).isEqualTo(3);
        assertThat(status.get("index").get("chunks").asInt()).isPositive();
        assertThat(status.get("job").get("state").asText()).isEqualTo("SUCCEEDED");
        assertThat(json(server.get("/api/jobs")).get("jobs")).isNotEmpty();
        String collection = status.get("index").get("collection").asText();
        assertThat(json(server.get("/api/collections?path=" + q(repo))).get("collections").toString()).contains(collection);
    }

    private void assertError(HttpResponse<String> r, int status, String code, String messagePart) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(messagePart);
    }

    @Test
    void invalidRequestsAreRefusedWith400sThatNameTheProblem() throws Exception {
        String root = repo.toString();
        assertError(server.post("/api/search", Map.of("query", "x")), 400, "invalid_request", "'path' is required");
        assertError(server.post("/api/search", Map.of("path", "relative/dir", "query", "x")), 400, "invalid_request",
                "must be absolute");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "langauges", List.of("java"))), 400,
                "invalid_request", "unknown field 'langauges'");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "top_k", 0)), 400, "invalid_request",
                "'top_k' must be an integer from 1 to 100");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "lines", "9-3")), 400,
                "invalid_request", "'lines'");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "mode", "fuzzy")), 400,
                "invalid_request", "'mode' must be hybrid, dense or lexical");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "path_glob", "src/[")), 400,
                "invalid_request", "'path_glob'");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "queries", List.of("y"))), 400,
                "invalid_request", "exactly one of 'query'");
        assertError(server.post("/api/search", Map.of("path", root, "query", "  ")), 400, "invalid_request", "empty");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "languages", "java")), 400,
                "invalid_request", "'languages' must be an array");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "languages", List.of("cobol"))), 400,
                "invalid_request", "cobol");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "entity_types", List.of("methd"))),
                400, "invalid_request", "methd");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "filter", "language=java")), 400,
                "invalid_request", "'filter' must be an object");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "filter",
                Map.of("operator", "xor", "conditions", List.of()))), 400, "invalid_request", "xor");
        assertError(server.post("/api/search", Map.of("path", root, "query", "x", "filter",
                Map.of("colour", "red"))), 400, "invalid_request", "colour");
        assertError(server.post("/api/search", "{\"path\": "), 400, "invalid_json", "not valid JSON");
        assertError(server.post("/api/search", "[1]"), 400, "invalid_json", "must be a JSON object");
        assertError(server.send(server.request("/api/search").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 415, "unsupported_media_type", "application/json");
        assertError(server.post("/api/index", Map.of("path", root, "full", "yes")), 400, "invalid_request",
                "'full' must be true or false");
        assertError(server.post("/api/index", Map.of("path", repo.resolve("missing").toString())), 400,
                "invalid_request", "not a directory");
        assertError(server.get("/api/status?path=" + q(root) + "&verbose=1"), 400, "invalid_request",
                "unknown query parameter 'verbose'");
        assertError(server.delete("/api/index?path=" + q(root)), 400, "invalid_request", "exactly one of 'file'");
        assertError(server.get("/api/jobs/999999"), 404, "unknown_job", "no index job '999999'");
        assertError(server.post("/api/search", Map.of("path", home.toString(), "query", "x")), 404, "not_indexed",
                "index it first");
        assertError(server.get("/api/nothing"), 404, "not_found", "/openapi.json");
        HttpResponse<String> wrongMethod = server.get("/api/search");
        assertError(wrongMethod, 405, "method_not_allowed", "takes POST");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void oversizedBodiesAreRefusedWith413() throws Exception {
        String big = "x".repeat(70 * 1024);
        HttpResponse<String> declared = server.post("/api/search", Map.of("path", repo.toString(), "query", big));
        assertError(declared, 413, "payload_too_large", "larger than 65536 bytes");
        // The unread body is dropped with the connection, and the answer says so, so the client opens a new one
        // for its next request instead of writing into a socket that is closing.
        assertThat(declared.headers().firstValue("Connection")).hasValue("close");
        // Without a declared length (chunked), the limit holds too: the body is read only up to it.
        HttpRequest chunked = server.request("/api/search").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"path\": \"" + big + "\"}").getBytes()))).build();
        HttpResponse<String> streamed = server.send(chunked);
        assertError(streamed, 413, "payload_too_large", "larger than");
        assertThat(streamed.headers().firstValue("Connection")).hasValue("close");
        // Every answer ends its connection (the front door checks each request on a connection of its own), and
        // the server is still healthy afterwards.
        HttpResponse<String> invalid = server.post("/api/search", Map.of("query", "x"));
        assertError(invalid, 400, "invalid_request", "'path' is required");
        assertThat(invalid.headers().firstValue("Connection")).hasValue("close");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsExposeStoreIndexingEmbeddingAndHttpInPrometheusFormat() throws Exception {
        search(Map.of("path", repo.toString(), "query", "upload"));
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.body())
                .contains("code_indexer_http_requests_seconds_bucket{")
                .contains("route=\"/api/search\"")
                .contains("code_indexer_store_requests_seconds_count{")
                .contains("backend=\"lucene\"")
                .contains("code_indexer_store_rows_total{")
                .contains("code_indexer_index_files_total{outcome=\"indexed\"}")
                .contains("code_indexer_index_chunks_total{operation=\"written\"}")
                .contains("code_indexer_index_runs_seconds_count{outcome=\"succeeded\"}")
                .contains("code_indexer_embed_seconds_bucket{")
                .contains("code_indexer_embed_texts_total{kind=\"documents\"}")
                .contains("code_indexer_index_jobs_pending")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void healthReportsLivenessAndReadiness() throws Exception {
        HttpResponse<String> ready = server.get("/health");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("status").asText()).isEqualTo("up");
        assertThat(json(ready).get("checks").get("store").asText()).isEqualTo("up");
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(json(server.get("/health/live")).get("status").asText()).isEqualTo("up");
    }

    @Test
    void openApiDocumentDescribesEveryEndpoint() throws Exception {
        JsonNode doc = json(server.get("/openapi.json"));
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        for (String path : List.of("/api/search", "/api/symbols", "/api/outline", "/api/grep", "/api/refs",
                "/api/callers", "/api/callees", "/api/map", "/api/index", "/api/jobs",
                "/api/jobs/{id}", "/api/status", "/api/collections", "/metrics", "/health", "/health/live",
                "/health/ready")) {
            assertThat(doc.get("paths").has(path)).as(path).isTrue();
        }
        assertThat(doc.at("/components/schemas/SearchRequest/properties").has("path_glob")).isTrue();
        assertThat(doc.at("/components/schemas/Symbol/properties").has("qualified_name")).isTrue();
    }

    private String query(String path, String... pairs) {
        StringBuilder q = new StringBuilder(path).append("?path=").append(encode(repo.toString()));
        for (int i = 0; i < pairs.length; i += 2) {
            q.append('&').append(pairs[i]).append('=').append(encode(pairs[i + 1]));
        }
        return q.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void symbolsFindsDefinitionsByNameWithHowTheyMatched() throws Exception {
        HttpResponse<String> r = server.get(query("/api/symbols", "name", "Retry.upload"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = json(r);
        assertThat(answer.get("found").asBoolean()).isTrue();
        JsonNode top = answer.get("matches").get(0);
        assertThat(top.get("match").asText()).isEqualTo("exact");
        assertThat(top.get("qualified_name").asText()).isEqualTo("Retry.upload");
        assertThat(top.get("kind").asText()).isEqualTo("method");
        assertThat(top.get("signature").asText()).isEqualTo("private void upload(String file)");
        assertThat(top.get("file").asText()).isEqualTo("src/net/Retry.java");
        assertThat(top.get("line").asInt()).isEqualTo(8);
        assertThat(top.get("end_line").asInt()).isEqualTo(9);

        JsonNode near = json(server.get(query("/api/symbols", "name", "parse", "kind", "function,method",
                "lang", "python", "limit", "1")));
        assertThat(near.get("found").asBoolean()).isFalse();
        assertThat(near.get("truncated").asBoolean()).isFalse();
        assertThat(near.get("matches").get(0).get("match").asText()).isEqualTo("prefix");
        assertThat(near.get("matches").get(0).get("name").asText()).isEqualTo("parse_http_date");

        assertError(server.get(query("/api/symbols", "name", "qqqzzz")), 400, "invalid_request", "none near it");
        assertError(server.get(query("/api/symbols")), 400, "invalid_request", "'name' is required");
        assertError(server.get(query("/api/symbols", "name", "x", "kind", "widget")), 400, "invalid_request",
                "unknown symbol kind 'widget'");
        assertError(server.get(query("/api/symbols", "name", "x", "limit", "many")), 400, "invalid_request",
                "'limit' must be a whole number");
        assertError(server.get(query("/api/symbols", "name", "x", "color", "red")), 400, "invalid_request",
                "unknown query parameter 'color'");
    }

    @Test
    void refsCallersCalleesAndTheMapAnswerAsJson() throws Exception {
        JsonNode refs = json(server.get(query("/api/refs", "name", "upload", "code_only", "true")));
        assertThat(refs.get("codebase").asText()).isEqualTo(repo.toString());
        assertThat(refs.get("code_only").asBoolean()).isTrue();
        assertThat(refs.get("groups")).extracting(g -> g.get("entity").get("qualified_name").asText() + ":"
                + g.get("lines").get(0).get("line").asInt())
                .containsExactly("Retry.retryFailedUpload:5", "Retry.upload:8");

        JsonNode callers = json(server.get(query("/api/callers", "name", "upload", "depth", "2")));
        assertThat(callers.get("sites").asInt()).isEqualTo(1);
        assertThat(callers.at("/callers/0/caller/qualified_name").asText()).isEqualTo("Retry.retryFailedUpload");
        assertThat(callers.at("/callers/0/sites/0/text").asText()).contains("upload(file);");
        assertThat(callers.at("/definitions/0/file").asText()).isEqualTo("src/net/Retry.java");

        JsonNode callees = json(server.get(query("/api/callees", "name", "retryFailedUpload")));
        assertThat(callees.at("/definitions/0/callees/0/name").asText()).isEqualTo("upload");
        assertThat(callees.at("/definitions/0/callees/0/definitions/0/line").asInt()).isEqualTo(8);

        JsonNode map = json(server.get(query("/api/map", "tokens", "200")));
        assertThat(map.get("tokens").asInt()).isPositive().isLessThanOrEqualTo(200);
        assertThat(map.at("/files/0/file").asText()).isNotEmpty();
        assertThat(map.get("text").asText()).contains("private void upload(String file)");

        assertError(server.get(query("/api/callers", "name", "uplod")), 400, "invalid_request", "near names");
        assertError(server.get(query("/api/callers", "name", "upload", "depth", "9")), 400, "invalid_request",
                "'depth' must be a whole number from 1 to 5");
        assertError(server.get(query("/api/refs")), 400, "invalid_request", "'name' is required");
        assertError(server.get(query("/api/refs", "name", "x", "code_only", "maybe")), 400, "invalid_request",
                "'code_only' is true or false");
        assertError(server.get(query("/api/map", "tokens", "1")), 400, "invalid_request", "'tokens'");
    }

    @Test
    void outlineNestsAFilesDefinitionsAndRefusesAFileThatIsNotIndexed() throws Exception {
        HttpResponse<String> r = server.get(query("/api/outline", "file", "src/net/Retry.java"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode outline = json(r);
        assertThat(outline.get("count").asInt()).isEqualTo(3);
        JsonNode type = outline.get("symbols").get(0);
        assertThat(type.get("qualified_name").asText()).isEqualTo("Retry");
        assertThat(type.get("children")).extracting(c -> c.get("name").asText())
                .containsExactly("retryFailedUpload", "upload");

        assertError(server.get(query("/api/outline", "file", "src/net/Nope.java")), 400, "invalid_request",
                "src/net/Nope.java is not indexed");
        assertError(server.get(query("/api/outline")), 400, "invalid_request", "'file' is required");
        assertError(server.get("/api/outline?path=" + encode(home.resolve("never-indexed").toString()) + "&file=a.py"),
                404, "not_indexed", "no index of");
    }

    @Test
    void deletesAFileAndThenTheWholeIndex() throws Exception {
        Path other = Files.createTempDirectory(home, "other");
        ServeFixture.writeCorpus(other);
        server.index(other);
        JsonNode deleted = json(server.delete("/api/index?path=" + q(other) + "&file=" + q("scripts/dates.py")));
        assertThat(deleted.get("deleted_chunks").asInt()).isPositive();
        assertThat(files(search(Map.of("path", other.toString(), "query", "upload", "top_k", 10))))
                .doesNotContain("scripts/dates.py");
        assertError(server.get("/api/outline?path=" + q(other) + "&file=" + q("scripts/dates.py")), 400,
                "invalid_request", "not indexed");
        assertThat(json(server.delete("/api/index?path=" + q(other) + "&all=true")).get("deleted").asText()).isEqualTo("all");
        assertThat(json(server.get("/api/status?path=" + q(other))).get("indexed").asBoolean()).isFalse();
        assertError(server.post("/api/search", Map.of("path", other.toString(), "query", "x")), 404, "not_indexed", "");
        assertError(server.get("/api/symbols?path=" + q(other) + "&name=Retry"), 404, "not_indexed", "");
    }

    /**
     * A request whose body is still arriving holds its handler; another request must be answered meanwhile. A server
     * that handled one request at a time would leave the second waiting behind the first, and this test would fail.
     */
    @Test
    void aStalledRequestDoesNotHoldUpTheNext() throws Exception {
        try (Socket slow = new Socket(server.base().getHost(), server.base().getPort())) {
            String body = "{\"path\": \"" + repo + "\", \"query\": \"upload\"}";
            OutputStream o = slow.getOutputStream();
            o.write(("POST /api/search HTTP/1.1\r\nHost: localhost:" + server.base().getPort()
                    + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10))
                    .getBytes(StandardCharsets.UTF_8));
            o.flush();
            Thread.sleep(200); // the stalled request reaches its handler, which waits for the rest of the body

            HttpResponse<String> other = server.send(server.request("/api/search").timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);

            o.write(body.substring(10).getBytes(StandardCharsets.UTF_8));
            o.flush();
            String reply = new String(slow.getInputStream().readNBytes(12), StandardCharsets.UTF_8);
            assertThat(reply).as("the stalled request is answered once its body is complete").isEqualTo("HTTP/1.1 200");
        }
    }
}
