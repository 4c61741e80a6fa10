package dev.codeindexer.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Binds a parsed part of the config file to its record: snake_case keys, unknown keys refused. Errors are
 * {@link ConfigException}s naming the full key ({@code vector_store.milvus.port}), for the whole file and for a
 * backend's own section alike.
 */
final class ConfigBinder {
    private static final JsonMapper BINDER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ConfigBinder() {
    }

    /** {@code node} (null for an absent section: the defaults) as a {@code type}; {@code prefix} is its key. */
    static <T> T bind(JsonNode node, Class<T> type, String prefix) {
        JsonNode tree = node == null || node.isNull() ? BINDER.createObjectNode() : node;
        if (!tree.isObject()) {
            throw new ConfigException("'" + prefix + "' must be a mapping of keys to values, got "
                    + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        try {
            return BINDER.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : "; known keys here: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
            throw new ConfigException("unknown key '" + path(prefix, e) + "'" + known, e);
        } catch (JsonMappingException e) {
            ConfigException invalid = findCause(e);
            if (invalid != null) {
                throw new ConfigException(invalid.getMessage(), e);
            }
            throw new ConfigException("invalid value for '" + path(prefix, e) + "': " + e.getOriginalMessage(), e);
        } catch (JacksonException e) {
            throw new ConfigException(e.getOriginalMessage(), e);
        }
    }

    private static String path(String prefix, JsonMappingException e) {
        String inner = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return prefix.isEmpty() ? inner : inner.isEmpty() ? prefix : prefix + "." + inner;
    }

    private static ConfigException findCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConfigException c) {
                return c;
            }
        }
        return null;
    }
}
