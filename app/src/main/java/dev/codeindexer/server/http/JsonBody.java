package dev.codeindexer.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.store.InvalidFilterException;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.FilterParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A request's JSON object, read field by field with messages that name the field and what it must be. */
final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonNode node;

    JsonBody(JsonNode node) {
        this.node = node;
    }

    /** Rejects fields other than {@code known}: a misspelt filter must not silently widen a search. */
    JsonBody only(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "'; allowed: " + String.join(", ",
                        known.stream().sorted().toList()));
            }
        }
        return this;
    }

    /**
     * A metadata filter in the flat ({@code {"language": "python"}}) or structured ({@code {"operator": "and",
     * "conditions": [...]}}) map form; null when absent. Field names and value types are checked by the store
     * against the collection's schema.
     */
    Filter filter(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.badRequest("field '" + name + "' must be an object such as {\"language\": \"python\"}"
                    + " or {\"operator\": \"and\", \"conditions\": [...]}");
        }
        try {
            return FilterParser.parse(MAPPER.convertValue(v, Map.class));
        } catch (InvalidFilterException e) {
            throw ApiException.badRequest("field '" + name + "': " + e.getMessage());
        }
    }

    boolean has(String name) {
        return node.hasNonNull(name);
    }

    String string(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest("field '" + name + "' is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("field '" + name + "' must be a string, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return v.asText();
    }

    /** A list of non-blank strings, at most {@code max} of them; empty when absent. */
    List<String> strings(String name, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiException.badRequest("field '" + name + "' must be an array of strings");
        }
        if (v.size() > max) {
            throw ApiException.badRequest("field '" + name + "' has " + v.size() + " entries; at most " + max);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw ApiException.badRequest("field '" + name + "' must hold non-empty strings, got " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    int integer(String name, int defaultValue, int min, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw ApiException.badRequest("field '" + name + "' must be an integer from " + min + " to " + max
                    + ", got " + v);
        }
        return v.asInt();
    }

    boolean bool(String name, boolean defaultValue) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw ApiException.badRequest("field '" + name + "' must be true or false, got " + v);
        }
        return v.asBoolean();
    }
}
