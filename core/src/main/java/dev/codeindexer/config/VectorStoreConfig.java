package dev.codeindexer.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code vector_store} block. Each backend's own section ({@code vector_store.milvus}, ...) is kept here as read
 * and parsed by the backend itself ({@link #section}), so that adding a store touches no class of this module.
 *
 * @param type               the backend; null for the default (embedded) one
 * @param defaultCollection  collection used when none is named
 * @param embeddingDimension the embedding model's vector dimension, or null (the default) to take the model's; when
 *                           set, building a model of another dimension fails, so a config written for one model
 *                           cannot silently index with another
 * @param metric             cosine, euclidean (l2) or dot (ip)
 * @param backends           every other key: one section per backend, by backend type, not yet parsed
 */
public record VectorStoreConfig(String type, String defaultCollection, Integer embeddingDimension, String metric,
                                @JsonAnySetter Map<String, JsonNode> backends) {
    public VectorStoreConfig {
        type = type == null || type.isBlank() ? null : type.trim().toLowerCase(Locale.ROOT);
        defaultCollection = Check.or(defaultCollection, "code");
        if (embeddingDimension != null) {
            Check.range("vector_store.embedding_dimension", embeddingDimension, 1, 32_768);
        }
        metric = Check.oneOf("vector_store.metric", Check.or(metric, "cosine"),
                List.of("cosine", "euclidean", "l2", "dot", "ip"));
        backends = backends == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backends));
    }

    public static VectorStoreConfig defaults() {
        return new VectorStoreConfig(null, null, null, null, null);
    }

    public VectorStoreConfig withType(String newType) {
        return new VectorStoreConfig(newType, defaultCollection, embeddingDimension, metric, backends);
    }

    /** Names the backend sections without their contents, which may hold passwords and tokens. */
    @Override
    public String toString() {
        return "VectorStoreConfig[type=" + type + ", defaultCollection=" + defaultCollection + ", embeddingDimension="
                + embeddingDimension + ", metric=" + metric + ", sections=" + backends.keySet() + "]";
    }

    /**
     * The backend section {@code vector_store.<backend>} bound to {@code type} (a record whose compact constructor
     * fills defaults and checks values), with the same rules as the rest of the file: snake_case keys, unknown keys
     * refused with the known ones named. An absent section gives the defaults.
     */
    public <T> T section(String backend, Class<T> type) {
        return ConfigBinder.bind(backends.get(backend), type, "vector_store." + backend);
    }
}
