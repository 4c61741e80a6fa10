package dev.codeindexer.server.http;

import dev.codeindexer.text.Printable;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's listening socket. It reads each connection's request head, answers one the JDK's HTTP server would
 * refuse with its own HTML page ({@code Content-Length: abc}, {@code ?path=%zz}, a broken request line) with the
 * API's JSON error instead, and hands every other request to the JDK server, listening on an ephemeral loopback port,
 * with {@code Connection: close}: one request per connection, so that no request reaches the JDK server without
 * having been checked here. Connections are accepted with a deep backlog, so that a burst of clients reaches the
 * server's in-flight limit (and its 503 {@code busy}) rather than queueing unseen in the kernel. Every other check
 * (Host, Origin, token, limits) runs in the handler, so a local program that finds the JDK server's loopback port
 * and calls it directly gains nothing but the JDK's HTML error pages.
 */
final class FrontDoor implements AutoCloseable {
    /** Connections the kernel holds for {@code accept}; the JDK's default of 50 drops the rest of a burst. */
    static final int BACKLOG = 1024;
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_HEADER_LINES = 100;
    private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(60);
    /** How long a client may go on sending after its answer was sent, before the connection is closed under it. */
    private static final Duration LINGER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

    /** Told of every request refused here, for the metrics. */
    interface Refusals {
        void refused(int status, long nanos);
    }

    private final ServerSocket socket;
    private final InetSocketAddress backend;
    private final Refusals refusals;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("code-indexer-conn-", 0).factory());

    private FrontDoor(ServerSocket socket, InetSocketAddress backend, Refusals refusals) {
        this.socket = socket;
        this.backend = backend;
        this.refusals = refusals;
    }

    /**
     * Listens on {@code host:port} and forwards to {@code backend}.
     *
     * @throws IOException when the address cannot be bound
     */
    static FrontDoor open(String host, int port, InetSocketAddress backend, Refusals refusals) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port), BACKLOG);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        FrontDoor door = new FrontDoor(socket, backend, refusals);
        Thread.ofPlatform().name("code-indexer-accept").daemon().start(door::acceptLoop);
        return door;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("accepting a connection failed: {}", e.getMessage());
                }
            } catch (RejectedExecutionException e) {
                return; // closing
            }
        }
    }

    private void serve(Socket client) {
        long start = System.nanoTime();
        try (client) {
            client.setSoTimeout((int) HEAD_TIMEOUT.toMillis());
            InputStream in = new BufferedInputStream(client.getInputStream());
            byte[] head;
            try {
                head = checkedHead(in);
            } catch (ApiException refused) {
                refuse(client, in, refused);
                refusals.refused(refused.status(), System.nanoTime() - start);
                return;
            }
            if (head == null) {
                return; // closed, or idle past the timeout, before sending a request
            }
            client.setSoTimeout(0);
            forward(client, in, head);
        } catch (SocketTimeoutException | SocketException e) {
            LOG.debug("connection ended: {}", e.getMessage());
        } catch (IOException e) {
            LOG.debug("connection failed: {}", e.getMessage());
        }
    }

    /**
     * Reads and checks a request head; returns it as it is to be forwarded (with {@code Connection: close}), or null
     * when the connection ends before a request.
     *
     * @throws ApiException for a head the JDK server would refuse, or one too large
     */
    static byte[] checkedHead(InputStream in) throws IOException {
        int[] budget = {MAX_HEAD_BYTES};
        String requestLine = readLine(in, budget);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(in, budget); // RFC 9112: ignore empty lines before a request
        }
        if (requestLine == null) {
            return null;
        }
        checkRequestLine(requestLine);
        List<String> headers = new ArrayList<>();
        String contentLength = null;
        boolean chunked = false;
        for (String line = readLine(in, budget); ; line = readLine(in, budget)) {
            if (line == null) {
                throw ApiException.badRequest("the request ended inside its headers");
            }
            if (line.isEmpty()) {
                break;
            }
            if (headers.size() >= MAX_HEADER_LINES) {
                throw new ApiException(431, "headers_too_large", "the request has more than " + MAX_HEADER_LINES
                        + " header lines");
            }
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon);
            if (!isToken(name)) {
                throw ApiException.badRequest("malformed header line '" + printable(line) + "'; headers are "
                        + "'Name: value', one per line");
            }
            String value = line.substring(colon + 1).strip();
            String lower = name.toLowerCase(Locale.ROOT);
            switch (lower) {
                case "content-length" -> {
                    if (contentLength != null) {
                        throw ApiException.badRequest("the request has more than one Content-Length; send one");
                    }
                    if (!value.matches("[0-9]{1,18}")) {
                        throw ApiException.badRequest("Content-Length '" + printable(value) + "' is not a number of "
                                + "bytes");
                    }
                    contentLength = value;
                }
                case "transfer-encoding" -> {
                    if (chunked || !value.equalsIgnoreCase("chunked")) {
                        throw ApiException.badRequest("Transfer-Encoding '" + printable(value) + "' is not supported;"
                                + " send the body with a Content-Length or chunked");
                    }
                    chunked = true;
                }
                // Hop-by-hop: this connection's, not the forwarded request's.
                case "connection", "keep-alive", "proxy-connection" -> {
                    continue;
                }
                default -> {
                }
            }
            headers.add(line);
        }
        if (chunked && contentLength != null) {
            // Two framings for one body is how requests are smuggled past a front end; RFC 9112 allows refusing it.
            throw ApiException.badRequest("the request has both Content-Length and Transfer-Encoding; send one");
        }
        StringBuilder out = new StringBuilder(requestLine).append("\r\n");
        headers.forEach(h -> out.append(h).append("\r\n"));
        out.append("Connection: close\r\n\r\n");
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void checkRequestLine(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || !parts[2].matches("HTTP/1\\.[01]")) {
            throw ApiException.badRequest("malformed request line '" + printable(line) + "'; it must be "
                    + "'METHOD /path?query HTTP/1.1', with spaces in the path escaped as %20");
        }
        try {
            new URI(parts[1]);
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("the request's path or query '" + printable(parts[1]) + "' is malformed ("
                    + e.getReason() + " at index " + e.getIndex() + "); escape special characters, '%' as %25");
        }
    }

    /** One line without its CRLF (or bare LF), as ISO-8859-1; null at the end of the stream. */
    private static String readLine(InputStream in, int[] budget) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (--budget[0] < 0) {
                throw new ApiException(431, "headers_too_large", "the request's head is larger than "
                        + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
        }
    }

    private static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    private static String printable(String s) {
        return Printable.field(s.length() > 200 ? s.substring(0, 200) + "..." : s);
    }

    private static void refuse(Socket client, InputStream in, ApiException e) throws IOException {
        Response r = Response.error(e);
        String head = "HTTP/1.1 " + r.status() + " " + (r.status() == 431 ? "Request Header Fields Too Large"
                : "Bad Request") + "\r\nContent-Type: " + r.contentType() + "\r\nContent-Length: " + r.body().length
                + "\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(r.body());
        out.flush();
        lingerAndClose(client);
        // Whatever the client still sends (a body) is read and dropped until it closes, or the linger runs out.
        long deadline = System.nanoTime() + LINGER.toNanos();
        byte[] buffer = new byte[16 * 1024];
        try {
            while (System.nanoTime() < deadline && in.read(buffer) >= 0) {
                // dropped
            }
        } catch (IOException timedOutOrReset) {
            LOG.debug("a refused client did not close: {}", timedOutOrReset.getMessage());
        }
    }

    /** Pipes one request to the JDK server and its answer back; the JDK server closes after answering. */
    private void forward(Socket client, InputStream clientIn, byte[] head) throws IOException {
        try (Socket server = new Socket()) {
            server.connect(backend);
            OutputStream serverOut = server.getOutputStream();
            serverOut.write(head);
            serverOut.flush();
            Thread upload = Thread.ofVirtual().name("code-indexer-body").start(() -> copyBody(clientIn, server));
            try {
                server.getInputStream().transferTo(client.getOutputStream());
                client.getOutputStream().flush();
            } catch (IOException e) {
                LOG.debug("relaying an answer failed: {}", e.getMessage());
            }
            lingerAndClose(client);
            upload.join(LINGER);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request's body, as it comes, to the server; once the server stops taking it, the rest is drained. */
    private static void copyBody(InputStream clientIn, Socket server) {
        byte[] buffer = new byte[16 * 1024];
        boolean draining = false;
        try {
            OutputStream out = server.getOutputStream();
            for (int n = clientIn.read(buffer); n >= 0; n = clientIn.read(buffer)) {
                if (!draining) {
                    try {
                        out.write(buffer, 0, n);
                        out.flush();
                    } catch (IOException e) {
                        draining = true; // the server answered without reading it all (413, 401...)
                    }
                }
            }
            if (!draining) {
                server.shutdownOutput();
            }
        } catch (IOException e) {
            LOG.debug("relaying a request body ended: {}", e.getMessage());
        }
    }

    /**
     * Ends our side after the answer, then waits a little for the client to close: closing a socket with unread
     * bytes sends a reset, which can destroy the answer before the client has read it.
     */
    private static void lingerAndClose(Socket client) {
        try {
            client.shutdownOutput();
            client.setSoTimeout((int) LINGER.toMillis());
        } catch (IOException e) {
            LOG.debug("closing a connection: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            threads.shutdownNow();
        }
    }
}
