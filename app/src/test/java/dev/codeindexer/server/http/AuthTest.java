package dev.codeindexer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.cli.Main;
import dev.codeindexer.server.ServeFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loopback by default; any other address only with a bearer token, which every API call must then carry. */
class AuthTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path home;

    private int serve(StringWriter err, Map<String, String> env, String... args) {
        var cmd = Main.commandLine(env);
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void refusesToListenBeyondLoopbackWithoutAToken() {
        StringWriter err = new StringWriter();
        int code = serve(err, Map.of("CODE_INDEXER_HOME", home.toString()), "serve", "--host", "0.0.0.0", "--port", "0");
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("refusing to listen on 0.0.0.0 without a token").contains("CODE_INDEXER_TOKEN");
    }

    @Test
    void refusesATooShortToken() {
        StringWriter err = new StringWriter();
        int code = serve(err, Map.of("CODE_INDEXER_HOME", home.toString(), "CODE_INDEXER_TOKEN", "short"),
                "serve", "--port", "0");
        assertThat(code).isEqualTo(Main.USAGE);
        assertThat(err.toString()).contains("at least 16").doesNotContain("short");
    }

    @Test
    void withATokenFromTheEnvironmentEveryApiCallNeedsIt() throws Exception {
        try (ServeFixture server = ServeFixture.start(home, Map.of("CODE_INDEXER_TOKEN", TOKEN), "--host", "0.0.0.0")) {
            HttpResponse<String> anonymous = server.get("/api/jobs");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
            assertThat(ServeFixture.json(anonymous).get("error").get("code").asText()).isEqualTo("unauthorized");
            assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(server.withToken("wrong-" + TOKEN).get("/api/jobs").statusCode()).isEqualTo(401);

            server.withToken(TOKEN);
            assertThat(server.get("/api/jobs").statusCode()).isEqualTo(200);
            assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
            // Probes and the page itself need no token; the page asks for it.
            server.withToken(null);
            assertThat(server.get("/health").statusCode()).isEqualTo(200);
            assertThat(server.get("/").statusCode()).isEqualTo(200);
            assertThat(server.log()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aTokenFromTheConfigFileWorksToo() throws Exception {
        Path config = Files.writeString(home.resolve("c.yaml"), "server:\n  token: ${MY_SECRET}\n  port: 0\n");
        try (ServeFixture server = ServeFixture.start(home, Map.of("MY_SECRET", TOKEN), "--config", config.toString())) {
            assertThat(server.get("/api/jobs").statusCode()).isEqualTo(401);
            assertThat(server.withToken(TOKEN).get("/api/jobs").statusCode()).isEqualTo(200);
        }
    }
}
