package dev.codeindexer.store;

import java.util.Map;
import java.util.Objects;

/**
 * One hit of a search.
 *
 * @param id       the row id
 * @param score    higher is more similar, whatever the backend; see {@link DistanceMetric} for the scale
 * @param metadata the requested output fields of the row (all fields when none were named)
 */
public record SearchResult(String id, float score, Map<String, Object> metadata) {
    public SearchResult {
        Objects.requireNonNull(id, "id");
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
