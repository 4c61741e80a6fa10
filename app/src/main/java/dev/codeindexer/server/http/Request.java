package dev.codeindexer.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One HTTP request: its path parameters, query parameters and (bounded) JSON body. */
final class Request {
    private final HttpExchange exchange;
    private final Map<String, String> params;
    private final int maxBodyBytes;
    private Map<String, List<String>> query;

    Request(HttpExchange exchange, Map<String, String> params, int maxBodyBytes) {
        this.exchange = exchange;
        this.params = params;
        this.maxBodyBytes = maxBodyBytes;
    }

    String param(String name) {
        return params.get(name);
    }

    /** The single value of query parameter {@code name}, or null; repeating it is an error. */
    String query(String name) {
        List<String> values = queryParams().getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiException.badRequest("query parameter '" + name + "' is given " + values.size() + " times; give it once");
        }
        return values.isEmpty() ? null : values.getFirst();
    }

    /** Rejects query parameters other than {@code known}, so a typo is an error rather than an ignored filter. */
    Request onlyQuery(String... known) {
        for (String name : queryParams().keySet()) {
            if (!List.of(known).contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + name + "'; this endpoint takes "
                        + String.join(", ", known));
            }
        }
        return this;
    }

    private Map<String, List<String>> queryParams() {
        if (query == null) {
            query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null && !raw.isEmpty()) {
                for (String pair : raw.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                }
            }
        }
        return query;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed query string: " + e.getMessage());
        }
    }

    /**
     * The body as a JSON object. Bodies over the limit are refused with 413 without being read whole, whether
     * their length was declared or they came chunked.
     */
    JsonBody json() {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the body as JSON with Content-Type: application/json (got " + (type == null ? "none" : type) + ")");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodyBytes) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length '" + length + "' is not a number");
            }
        }
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "invalid_json", "the body must be a JSON object");
        }
        return new JsonBody(node);
    }

    private ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "the request body is larger than " + maxBodyBytes + " bytes");
    }
}
