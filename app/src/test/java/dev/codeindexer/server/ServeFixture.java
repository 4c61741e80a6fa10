package dev.codeindexer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code code-indexer serve} as a user starts it (the real command, store and model), on a free port of loopback
 * unless told otherwise, with a data directory of its own; plus an HTTP client and the test corpus.
 */
public final class ServeFixture implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Where JUnit makes {@code @TempDir}s. */
    public static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    private static final Pattern ADDRESS = Pattern.compile("serving on (http://\\S+) ");

    private final Thread thread;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final int[] exit = {-1};
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private String token;

    private ServeFixture(Path home, Map<String, String> extraEnv, String... args) throws InterruptedException {
        // HOME is the temporary directory, so that every @TempDir codebase is inside the default server.roots.
        Map<String, String> env = new HashMap<>(Map.of("CODE_INDEXER_HOME", home.toString(), "HOME", TEMP.toString()));
        env.putAll(extraEnv);
        List<String> argv = new java.util.ArrayList<>(List.of("serve", "--port", "0"));
        argv.addAll(List.of(args));
        thread = Thread.ofPlatform().name("serve-under-test").start(() -> {
            var cmd = Main.commandLine(env);
            cmd.setOut(new PrintWriter(out, true));
            cmd.setErr(new PrintWriter(err, true));
            exit[0] = cmd.execute(argv.toArray(String[]::new));
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Matcher m = ADDRESS.matcher("");
        while (!m.reset(out.toString()).find()) {
            assertThat(thread.isAlive()).as("serve stopped early: %s", err).isTrue();
            assertThat(System.nanoTime()).as("serve did not start in 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        base = URI.create(m.group(1).replace("0.0.0.0", "127.0.0.1").replace("[::]", "127.0.0.1")
                .replace("[0:0:0:0:0:0:0:0]", "127.0.0.1"));
    }

    public static ServeFixture start(Path home, String... args) throws InterruptedException {
        return new ServeFixture(home, Map.of(), args);
    }

    public static ServeFixture start(Path home, Map<String, String> env, String... args) throws InterruptedException {
        return new ServeFixture(home, env, args);
    }

    /** Sends this bearer token with every request from now on. */
    public ServeFixture withToken(String newToken) {
        token = newToken;
        return this;
    }

    public URI base() {
        return base;
    }

    public String log() {
        return err.toString();
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET().build());
    }

    public HttpResponse<String> delete(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).DELETE().build());
    }

    public HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build());
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** URL-encodes a query parameter value. */
    public static String q(Object value) {
        return java.net.URLEncoder.encode(String.valueOf(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Starts indexing {@code root} and waits for the job to succeed; returns its final status. */
    public JsonNode index(Path root) throws Exception {
        HttpResponse<String> r = post("/api/index", Map.of("path", root.toString()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return awaitJob(json(r).get("id").asText(), Duration.ofMinutes(3));
    }

    public JsonNode awaitJob(String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = json(get("/api/jobs/" + id));
            String state = job.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                assertThat(state).as("job %s: %s", id, job).isEqualTo("SUCCEEDED");
                return job;
            }
            assertThat(System.nanoTime()).as("job %s still %s", id, state).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A small Java and Python codebase with distinct entities. */
    public static void writeCorpus(Path repo) throws IOException {
        Files.createDirectories(repo.resolve("src/net"));
        Files.createDirectories(repo.resolve("scripts"));
        Files.writeString(repo.resolve("src/net/Retry.java"), """
                /** Retry policies for network calls. */
                public class Retry {
                    /** Retries a failed upload with exponential backoff. */
                    public void retryFailedUpload(String file) {
                        upload(file);
                    }

                    private void upload(String file) {
                    }
                }
                """);
        Files.writeString(repo.resolve("src/net/HttpDates.java"), """
                import java.time.Instant;

                /** Dates in HTTP headers. */
                public final class HttpDates {
                    /** Parses an RFC 1123 date header value. */
                    public static Instant parseHeaderDate(String value) {
                        return Instant.parse(value);
                    }
                }
                """);
        Files.writeString(repo.resolve("scripts/dates.py"), """
                def parse_http_date(value):
                    \"\"\"Parse an HTTP date header.\"\"\"
                    return value


                def upload_with_retries(path, attempts=3):
                    \"\"\"Upload a file, retrying when it fails.\"\"\"
                    for _ in range(attempts):
                        pass
                """);
    }

    /** Stops the server as Ctrl-C would (its thread is interrupted) and checks it exited cleanly. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(40));
        assertThat(thread.isAlive()).as("serve stops when interrupted").isFalse();
        assertThat(exit[0]).as("serve's exit code; stderr: %s", err).isZero();
    }
}
