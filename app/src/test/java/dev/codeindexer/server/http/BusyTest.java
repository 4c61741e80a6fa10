package dev.codeindexer.server.http;

import static dev.codeindexer.server.RawHttp.hostOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.server.RawHttp;
import dev.codeindexer.server.RawHttp.Reply;
import dev.codeindexer.server.ServeFixture;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-flight limit, over raw sockets: 200 searches at once, each held inside the server until the test sends the
 * rest of its body. Exactly {@value ApiServer#MAX_IN_FLIGHT} of them get in; the other 136 are answered 503
 * {@code busy} at once, while those are still held, instead of queueing behind them.
 */
class BusyTest {
    private static final int CLIENTS = 200;

    @TempDir
    Path home;

    @Test
    void pastTheLimitSearchesAreAnswered503BusyInsteadOfQueued() throws Exception {
        try (ServeFixture server = ServeFixture.start(home);
             ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            URI base = server.base();
            String host = hostOf(base);
            String body = ServeFixture.JSON.writeValueAsString(
                    Map.of("path", ServeFixture.TEMP.resolve("never-indexed").toString(), "query", "upload"));
            String head = "POST /api/search HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n";
            List<Socket> clients = new ArrayList<>();
            List<Future<Reply>> replies = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    Socket s = new Socket(base.getHost(), base.getPort());
                    s.setSoTimeout(120_000);
                    s.getOutputStream().write((head + body.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                    clients.add(s);
                    replies.add(readers.submit(() -> RawHttp.readOne(s.getInputStream())));
                }
                int refused = CLIENTS - ApiServer.MAX_IN_FLIGHT;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (replies.stream().filter(Future::isDone).count() < refused) {
                    assertThat(System.nanoTime()).as("the requests past the limit were not answered at once")
                            .isLessThan(deadline);
                    Thread.sleep(10);
                }
                List<Future<Reply>> answered = replies.stream().filter(Future::isDone).toList();
                assertThat(answered).hasSize(refused);
                for (Future<Reply> f : answered) {
                    Reply r = f.get();
                    assertThat(r.status()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers().get("content-type")).isEqualTo("application/json; charset=utf-8");
                    assertThat(r.errorCode()).isEqualTo("busy");
                }

                for (Socket s : clients) {
                    s.getOutputStream().write(body.substring(10).getBytes(StandardCharsets.UTF_8));
                    s.getOutputStream().flush();
                }
                List<Future<Reply>> held = replies.stream().filter(f -> !answered.contains(f)).toList();
                for (Future<Reply> f : held) {
                    Reply r = f.get();
                    assertThat(r.status()).as("a held search is answered once its body is in: %s", r.body())
                            .isEqualTo(404);
                    assertThat(r.errorCode()).isEqualTo("not_indexed");
                }
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            assertThat(RawHttp.get(base, "/api/jobs", host).status()).isEqualTo(200);
        }
    }
}
