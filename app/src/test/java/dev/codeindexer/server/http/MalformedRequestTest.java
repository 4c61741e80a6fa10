package dev.codeindexer.server.http;

import static dev.codeindexer.server.RawHttp.hostOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.server.RawHttp;
import dev.codeindexer.server.RawHttp.Reply;
import dev.codeindexer.server.ServeFixture;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Requests the JDK's HTTP parser chokes on still get the API's JSON error, over raw sockets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestTest {
    @TempDir
    static Path home;

    private ServeFixture server;
    private URI base;
    private String host;

    @BeforeAll
    void start() throws Exception {
        server = ServeFixture.start(home);
        base = server.base();
        host = hostOf(base);
    }

    @AfterAll
    void stop() throws InterruptedException {
        server.close();
    }

    private static void assertJsonError(Reply reply, int status, String code, String says) throws Exception {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().get("content-type")).as(reply.body()).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.errorCode()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).contains(says);
    }

    @Test
    void aContentLengthThatIsNoNumberIsAJsonError() throws Exception {
        assertJsonError(RawHttp.send(base, "POST /api/search HTTP/1.1\r\nHost: " + host
                + "\r\nContent-Type: application/json\r\nContent-Length: abc", "{}"), 400, "invalid_request",
                "Content-Length");
    }

    @Test
    void headersTheJdkWouldRefuseAreJsonErrors() throws Exception {
        String post = "POST /api/search HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n";
        assertJsonError(RawHttp.send(base, post + "Content-Length: 2\r\nContent-Length: 2", "{}"), 400,
                "invalid_request", "more than one Content-Length");
        assertJsonError(RawHttp.send(base, post + "Content-Length: 2\r\nTransfer-Encoding: chunked", "{}"), 400,
                "invalid_request", "both Content-Length and Transfer-Encoding");
        assertJsonError(RawHttp.send(base, post + "Transfer-Encoding: gzip", "{}"), 400, "invalid_request",
                "Transfer-Encoding 'gzip'");
        assertJsonError(RawHttp.send(base, post + "Content-Length: -1", ""), 400, "invalid_request", "'-1'");
        assertJsonError(RawHttp.send(base, "GET /api/jobs HTTP/1.1\r\nHost: " + host + "\r\nno colon here", ""),
                400, "invalid_request", "malformed header line");
        assertJsonError(RawHttp.send(base, "GET /api/jobs HTTP/1.1\r\nHost: " + host + "\r\nX-Big: "
                + "y".repeat(70_000), ""), 431, "headers_too_large", "larger than");
    }

    @Test
    void aMalformedEscapeInTheQueryIsAJsonError() throws Exception {
        assertJsonError(RawHttp.send(base, "GET /api/status?path=%zz HTTP/1.1\r\nHost: " + host, ""), 400,
                "invalid_request", "%zz");
        assertJsonError(RawHttp.send(base, "GET /api/sta tus HTTP/1.1\r\nHost: " + host, ""), 400,
                "invalid_request", "request");
    }
}
