package dev.codeindexer.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 spoken by hand over a socket, for what {@link java.net.http.HttpClient} will not send: a forged
 * {@code Host}, a malformed {@code Content-Length} or escape, a request cut short.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** An answer: status, headers (names in lower case) and body text. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public JsonNode json() throws IOException {
            return ServeFixture.JSON.readTree(body);
        }

        /** The {@code error.code} of a JSON error answer. */
        public String errorCode() throws IOException {
            return json().get("error").get("code").asText();
        }
    }

    /**
     * Sends {@code head} (the request line and headers, lines separated by CRLF, without the blank line) and
     * {@code body}, with {@code Connection: close} added, and reads the answer to the end of the connection.
     */
    public static Reply send(URI server, String head, String body) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /** A GET of {@code target} with the given {@code Host} header and extra header lines. */
    public static Reply get(URI server, String target, String host, String... headerLines) throws IOException {
        return send(server, "GET " + target + " HTTP/1.1\r\nHost: " + host + lines(headerLines), "");
    }

    /** A JSON POST of {@code json} to {@code target} with the given {@code Host} header and extra header lines. */
    public static Reply post(URI server, String target, String host, String json, String... headerLines)
            throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return send(server, "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + bytes.length + lines(headerLines), json);
    }

    /** {@code host:port} of the server as a browser at its address would send it. */
    public static String hostOf(URI server) {
        return server.getHost() + ":" + server.getPort();
    }

    private static String lines(String... headerLines) {
        StringBuilder s = new StringBuilder();
        for (String line : headerLines) {
            s.append("\r\n").append(line);
        }
        return s.toString();
    }

    /** Reads one answer, framed by its Content-Length, leaving the connection open. */
    public static Reply readOne(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside an answer's head: '" + head + "'");
            }
            head.append((char) b);
        }
        Reply headOnly = read(new java.io.ByteArrayInputStream(head.toString().getBytes(StandardCharsets.ISO_8859_1)));
        int length = Integer.parseInt(headOnly.headers().getOrDefault("content-length", "0"));
        return new Reply(headOnly.status(), headOnly.headers(),
                new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    static Reply read(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete answer: '" + text + "'");
        }
        String[] head = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(head[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
        }
        return new Reply(status, headers, text.substring(end + 4));
    }
}
