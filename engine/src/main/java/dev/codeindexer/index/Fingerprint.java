package dev.codeindexer.index;

import dev.codeindexer.store.DistanceMetric;
import java.util.Map;
import java.util.TreeMap;

/**
 * What built an index: schema and chunker versions, embedding model and dimension, metric. It is kept with the
 * collection (Lucene commit data, Milvus description); an index built differently is refused with a message that
 * says to rebuild, never silently mixed.
 */
public record Fingerprint(int schemaVersion, String chunkerVersion, String modelId, int dimension, DistanceMetric metric) {

    static final String SCHEMA = "schema_version";
    static final String CHUNKER = "chunker_version";
    static final String MODEL = "model_id";
    static final String DIMENSION = "dimension";
    static final String METRIC = "metric";

    public Map<String, String> toProperties() {
        Map<String, String> p = new TreeMap<>();
        p.put(SCHEMA, Integer.toString(schemaVersion));
        p.put(CHUNKER, chunkerVersion);
        p.put(MODEL, modelId);
        p.put(DIMENSION, Integer.toString(dimension));
        p.put(METRIC, metric.name());
        return p;
    }

    /**
     * Null when an index with {@code properties} fits; otherwise what differs, for an error message. Writing needs
     * everything equal; reading only the schema, model, dimension and metric (other chunks embed the same way).
     */
    public String mismatch(Map<String, String> properties, boolean forWriting) {
        StringBuilder out = new StringBuilder();
        toProperties().forEach((key, mine) -> {
            if (!forWriting && key.equals(CHUNKER)) {
                return;
            }
            String theirs = properties.get(key);
            if (!mine.equals(theirs)) {
                out.append(out.isEmpty() ? "" : ", ").append(key).append(" is ").append(theirs)
                        .append(" in the index but ").append(mine).append(" now");
            }
        });
        return out.isEmpty() ? null : out.toString();
    }
}
