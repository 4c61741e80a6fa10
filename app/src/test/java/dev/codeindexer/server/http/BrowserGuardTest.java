package dev.codeindexer.server.http;

import static dev.codeindexer.server.RawHttp.get;
import static dev.codeindexer.server.RawHttp.hostOf;
import static dev.codeindexer.server.RawHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.server.RawHttp;
import dev.codeindexer.server.RawHttp.Reply;
import dev.codeindexer.server.ServeFixture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a web page can make a browser send to the server, forged by hand over real sockets: a rebinding DNS name in
 * {@code Host}, another page's {@code Origin} or {@code Sec-Fetch-Site}. The page's own requests and other programs'
 * requests pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserGuardTest {
    @TempDir
    static Path home;

    private ServeFixture server;
    private URI base;
    private String host;
    /** A search of a codebase that is allowed but not indexed: 404 when it gets through. */
    private String search;

    @BeforeAll
    void start() throws Exception {
        server = ServeFixture.start(home);
        base = server.base();
        host = hostOf(base);
        search = ServeFixture.JSON.writeValueAsString(
                Map.of("path", ServeFixture.TEMP.resolve("never-indexed").toString(), "query", "upload"));
    }

    @AfterAll
    void stop() throws InterruptedException {
        server.close();
    }

    private static void assertRefused(Reply reply, int status, String code) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.headers()).doesNotContainKeys("access-control-allow-origin", "access-control-allow-methods");
    }

    @Test
    void aRebindingHostNameIsRefusedOnEveryRouteButHealth() throws Exception {
        for (String target : new String[] {"/api/jobs", "/", "/app.js", "/openapi.json", "/metrics", "/no/such"}) {
            Reply reply = get(base, target, "attacker.example:" + base.getPort());
            assertRefused(reply, 403, "host_not_allowed");
            assertThat(reply.json().get("error").get("message").asText()).contains("server.allowed_hosts");
        }
        assertRefused(post(base, "/api/search", "attacker.example", search), 403, "host_not_allowed");
        assertRefused(RawHttp.send(base, "DELETE /api/index?path=/x&all=true HTTP/1.1\r\nHost: rebind.example", ""),
                403, "host_not_allowed");
        assertThat(get(base, "/health/live", "attacker.example").status()).isEqualTo(200);
    }

    @Test
    void loopbackNamesWithTheServersPortAreAccepted() throws Exception {
        int port = base.getPort();
        for (String name : new String[] {"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port}) {
            assertThat(get(base, "/api/jobs", name).status()).as(name).isEqualTo(200);
        }
        assertRefused(get(base, "/api/jobs", "localhost:" + (port == 1 ? 2 : 1)), 403, "host_not_allowed");
        assertRefused(get(base, "/api/jobs", "localhost"), 403, "host_not_allowed");
        assertRefused(get(base, "/api/jobs", "127.0.0.1.attacker.example:" + port), 403, "host_not_allowed");
        assertRefused(RawHttp.send(base, "GET /api/jobs HTTP/1.0", ""), 400, "invalid_request");
    }

    @Test
    void requestsFromPagesOfOtherOriginsAreRefusedWithoutCorsHeaders() throws Exception {
        assertRefused(post(base, "/api/search", host, search, "Origin: http://attacker.example"), 403, "cross_origin");
        assertRefused(get(base, "/api/jobs", host, "Origin: https://attacker.example"), 403, "cross_origin");
        assertRefused(get(base, "/api/jobs", host, "Origin: null"), 403, "cross_origin");
        assertRefused(get(base, "/api/jobs", host, "Origin: http://" + host + ".attacker.example"), 403, "cross_origin");
        assertRefused(get(base, "/metrics", host, "Origin: http://attacker.example"), 403, "cross_origin");
        // Without Origin, the browser's fetch metadata still tells.
        assertRefused(RawHttp.send(base, "DELETE /api/index?path=/x&all=true HTTP/1.1\r\nHost: " + host
                + "\r\nSec-Fetch-Site: cross-site", ""), 403, "cross_origin");
        assertRefused(post(base, "/api/index", host, "{\"path\": \"/x\"}", "Sec-Fetch-Site: same-site"), 403,
                "cross_origin");
        // A CORS preflight gets no permission either.
        assertRefused(RawHttp.send(base, "OPTIONS /api/search HTTP/1.1\r\nHost: " + host
                + "\r\nOrigin: http://attacker.example\r\nAccess-Control-Request-Method: POST", ""), 403, "cross_origin");
    }

    @Test
    void thePagesOwnRequestsAndOtherProgramsPass() throws Exception {
        // As chromium sends the page's search: same origin, by both headers.
        Reply fromPage = post(base, "/api/search", host, search, "Origin: http://" + host, "Sec-Fetch-Site: same-origin");
        assertThat(fromPage.status()).as(fromPage.body()).isEqualTo(404);
        assertThat(fromPage.errorCode()).isEqualTo("not_indexed");
        // A link from another site to the page itself opens it; only the API is guarded.
        assertThat(get(base, "/?q=retry", host, "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate").status())
                .isEqualTo(200);
        // An address typed by the user.
        assertThat(get(base, "/api/jobs", host, "Sec-Fetch-Site: none").status()).isEqualTo(200);
        // curl and agents send neither header.
        assertThat(get(base, "/api/jobs", host).status()).isEqualTo(200);
        assertThat(server.get("/api/jobs").statusCode()).isEqualTo(200);
    }

    @Test
    void namesInServerAllowedHostsAreAccepted() throws Exception {
        Path config = Files.writeString(home.resolve("hosts.yaml"),
                "server:\n  allowed_hosts: [code.example.test, 'pinned.example.test:9999']\n");
        try (ServeFixture named = ServeFixture.start(home, "--config", config.toString())) {
            URI b = named.base();
            assertThat(get(b, "/api/jobs", "code.example.test").status()).isEqualTo(200);
            assertThat(get(b, "/api/jobs", "Code.Example.Test:443").status()).isEqualTo(200);
            assertThat(get(b, "/api/jobs", "pinned.example.test:9999").status()).isEqualTo(200);
            assertRefused(get(b, "/api/jobs", "pinned.example.test:9998"), 403, "host_not_allowed");
            // Behind a reverse proxy that ends TLS, the page's origin is https and the Host the same name.
            assertThat(get(b, "/api/jobs", "code.example.test", "Origin: https://code.example.test").status())
                    .isEqualTo(200);
            assertRefused(get(b, "/api/jobs", "code.example.test", "Origin: https://other.example.test"), 403,
                    "cross_origin");
        }
    }
}
