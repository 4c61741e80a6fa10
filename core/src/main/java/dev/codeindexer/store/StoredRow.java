package dev.codeindexer.store;

import java.util.Map;
import java.util.Objects;

/**
 * A row as stored: its id, its vector (null for a row stored without one, {@link VectorStore#storesRowsWithoutVectors})
 * and all of its metadata. Returned by {@link VectorStore#get}.
 */
public record StoredRow(String id, float[] vector, Map<String, Object> metadata) {
    public StoredRow {
        Objects.requireNonNull(id, "id");
        metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }
}
