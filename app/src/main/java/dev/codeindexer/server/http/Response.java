package dev.codeindexer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a handler answers: status, content type, body and any extra headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    Response {
        headers = Map.copyOf(headers);
    }

    static Response json(int status, Object value) {
        try {
            return new Response(status, JSON, Json.MAPPER.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a response as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Response ok(Object value) {
        return json(200, value);
    }

    static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response error(ApiException e) {
        return json(e.status(), Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
    }

    Response withHeader(String name, String value) {
        var h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return new Response(status, contentType, body, h);
    }
}
