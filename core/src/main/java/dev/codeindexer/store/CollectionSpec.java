package dev.codeindexer.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a collection is: its name, vector dimension, metric, typed metadata fields, and free-form properties that
 * the store keeps with the collection (the index fingerprint: model id, chunker version...).
 *
 * @param name       {@code [A-Za-z_][A-Za-z0-9_]*}, at most 128 characters (the strictest backend's rule)
 * @param dimension  the vector dimension, 1..32768
 * @param schema     metadata field name to type, in declaration order; names follow the same rule as {@code name}
 *                   and must not be {@code id} or {@code vector}, which every store reserves
 * @param metric     how vectors are compared
 * @param properties kept with the collection and returned by {@link VectorStore#describeCollection}
 */
public record CollectionSpec(String name, int dimension, Map<String, FieldType> schema, DistanceMetric metric,
                             Map<String, String> properties) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** Fields every store uses for itself. */
    public static final String ID_FIELD = "id";
    public static final String VECTOR_FIELD = "vector";

    public CollectionSpec {
        checkName("collection name", name);
        if (dimension < 1 || dimension > 32_768) {
            throw new IllegalArgumentException("dimension must be between 1 and 32768, got " + dimension);
        }
        Objects.requireNonNull(metric, "metric");
        // Declaration order is kept: backends create columns in this order and users read them back in it.
        schema = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(schema, "schema")));
        for (String field : schema.keySet()) {
            checkName("field name", field);
            if (field.equals(ID_FIELD) || field.equals(VECTOR_FIELD)) {
                throw new IllegalArgumentException("field name '" + field + "' is reserved by the store");
            }
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    public CollectionSpec(String name, int dimension, Map<String, FieldType> schema, DistanceMetric metric) {
        this(name, dimension, schema, metric, Map.of());
    }

    /** Throws {@link IllegalArgumentException} unless {@code value} is a valid collection or field name. */
    public static void checkName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' is invalid: use letters, digits and '_', starting with a letter or '_', at most 128 characters");
        }
    }

    /** True when {@code other} describes the same data layout (name, dimension, metric, schema); properties aside. */
    public boolean sameLayout(CollectionSpec other) {
        return name.equals(other.name) && dimension == other.dimension && metric == other.metric
                && schema.equals(other.schema);
    }

    /** Explains how {@code other} differs from this spec, for error messages. */
    public String describeDifference(CollectionSpec other) {
        if (dimension != other.dimension) {
            return "dimension " + dimension + " vs " + other.dimension;
        }
        if (metric != other.metric) {
            return "metric " + metric + " vs " + other.metric;
        }
        return "schema " + schema + " vs " + other.schema;
    }
}
