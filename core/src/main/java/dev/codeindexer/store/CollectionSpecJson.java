package dev.codeindexer.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link CollectionSpec} as a JSON string, for backends that keep it beside the data (Lucene commit user data,
 * the Milvus collection description), so a collection describes itself after a restart.
 */
public final class CollectionSpecJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CollectionSpecJson() {
    }

    public static String write(CollectionSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", 1);
        out.put("name", spec.name());
        out.put("dimension", spec.dimension());
        out.put("metric", spec.metric().name());
        Map<String, String> schema = new LinkedHashMap<>();
        spec.schema().forEach((k, v) -> schema.put(k, v.name()));
        out.put("schema", schema);
        out.put("properties", new java.util.TreeMap<>(spec.properties()));
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise collection spec " + spec.name(), e);
        }
    }

    /** Reads what {@link #write} wrote; {@code where} names the source in the error. */
    public static CollectionSpec read(String json, String where) {
        try {
            Map<String, Object> in = JSON.readValue(json, new TypeReference<>() { });
            Map<String, FieldType> schema = new LinkedHashMap<>();
            ((Map<?, ?>) in.get("schema")).forEach((k, v) -> schema.put((String) k, FieldType.valueOf((String) v)));
            Map<String, String> properties = new LinkedHashMap<>();
            ((Map<?, ?>) in.get("properties")).forEach((k, v) -> properties.put((String) k, (String) v));
            return new CollectionSpec((String) in.get("name"), ((Number) in.get("dimension")).intValue(), schema,
                    DistanceMetric.valueOf((String) in.get("metric")), properties);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new VectorStoreException(where + " holds no readable collection description (" + e.getMessage()
                    + "); was it created by another tool? Drop it or point the store elsewhere", e);
        }
    }
}
