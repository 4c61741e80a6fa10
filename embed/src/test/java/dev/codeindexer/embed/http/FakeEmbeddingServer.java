package dev.codeindexer.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI ({@code /v1/embeddings}) or Ollama ({@code /api/embed}) wire
 * format. Scripted failures are served first, in order; then every request succeeds with deterministic vectors
 * derived from each input's text. Every request is recorded.
 */
final class FakeEmbeddingServer implements AutoCloseable {
    enum Wire { OPENAI, OLLAMA }

    /** One scripted answer: a status, headers, a body, and how long to wait before answering. */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, 0);
        }

        static Reply slow(long delayMillis) {
            return new Reply(0, Map.of(), null, delayMillis);
        }
    }

    /** What the server received. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, JsonNode body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Wire wire;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    volatile int dimension = 8;
    volatile boolean shuffleOpenAiOrder = true;

    FakeEmbeddingServer(Wire wire) throws IOException {
        this.wire = wire;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Base URL to configure: {@code http://127.0.0.1:port/v1} (OpenAI) or {@code http://127.0.0.1:port} (Ollama). */
    String baseUrl() {
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        return wire == Wire.OPENAI ? root + "/v1" : root;
    }

    FakeEmbeddingServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    /** The vector the server gives {@code text} (before the client normalizes it). */
    float[] vectorOf(String text) {
        float[] v = new float[dimension];
        int h = text.hashCode();
        for (int i = 0; i < v.length; i++) {
            h = h * 31 + i;
            v[i] = (h % 1000) / 100f + (i == 0 ? 50 : 0);
        }
        return v;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? JSON.nullNode() : JSON.readTree(raw);
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
            Reply reply = script.poll();
            if (reply != null && reply.delayMillis() > 0) {
                sleep(reply.delayMillis());
            }
            if (reply != null && reply.status() != 0) {
                reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                send(exchange, reply.status(), reply.body() == null ? "" : reply.body());
                return;
            }
            String expectedPath = wire == Wire.OPENAI ? "/v1/embeddings" : "/api/embed";
            if (!exchange.getRequestURI().getPath().equals(expectedPath)) {
                send(exchange, 404, wire == Wire.OPENAI ? "{\"error\":{\"message\":\"Not found\"}}" : "404 page not found");
                return;
            }
            send(exchange, 200, success(body).toString());
        }
    }

    private ObjectNode success(JsonNode request) {
        ObjectNode out = JSON.createObjectNode();
        JsonNode inputs = request.path("input");
        if (wire == Wire.OPENAI) {
            ArrayNode data = out.putArray("data");
            // Real servers may answer out of order; the index says which input a vector belongs to.
            for (int k = 0; k < inputs.size(); k++) {
                int i = shuffleOpenAiOrder ? inputs.size() - 1 - k : k;
                ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
                ArrayNode e = item.putArray("embedding");
                for (float x : vectorOf(inputs.get(i).asText())) {
                    e.add(x);
                }
            }
            out.put("model", request.path("model").asText());
        } else {
            ArrayNode all = out.putArray("embeddings");
            for (JsonNode input : inputs) {
                ArrayNode e = all.addArray();
                for (float x : vectorOf(input.asText())) {
                    e.add(x);
                }
            }
            out.put("model", request.path("model").asText());
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
