package dev.codeindexer.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Validates and normalises rows before a backend writes them, so every backend rejects the same bad input with the
 * same message and stores the same value types: {@code INT} as {@link Long}, {@code FLOAT} as {@link Float},
 * {@code DOUBLE} as {@link Double}, arrays as lists of {@link String} or {@link Long}.
 */
public final class Rows {
    /** Longest id a row may have (the Milvus primary key column is sized for it). */
    public static final int MAX_ID_LENGTH = 256;

    private Rows() {
    }

    /**
     * Checks the request against {@code spec} and returns one row per vector, ids generated where none were given.
     *
     * @throws SchemaMismatchException for a wrong dimension, an unknown, missing or mistyped field
     * @throws DuplicateIdException    if the request repeats an id
     * @throws IllegalArgumentException if the lists differ in length
     */
    public static List<StoredRow> prepare(CollectionSpec spec, List<float[]> vectors, List<Map<String, Object>> metadata,
                                          List<String> ids) {
        return prepare(spec, vectors, metadata, ids, false);
    }

    /**
     * As {@link #prepare(CollectionSpec, List, List, List)}, for a store that keeps rows without vectors
     * ({@link VectorStore#storesRowsWithoutVectors}) when {@code vectorsOptional}: a null vector passes as null.
     */
    public static List<StoredRow> prepare(CollectionSpec spec, List<float[]> vectors, List<Map<String, Object>> metadata,
                                          List<String> ids, boolean vectorsOptional) {
        if (vectors == null || metadata == null || vectors.size() != metadata.size()
                || (ids != null && ids.size() != vectors.size())) {
            throw new IllegalArgumentException("vectors, metadata and ids must have the same length; got "
                    + size(vectors) + ", " + size(metadata) + ", " + (ids == null ? "no ids" : ids.size()));
        }
        List<StoredRow> rows = new ArrayList<>(vectors.size());
        Set<String> seen = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            String id = ids == null ? UUID.randomUUID().toString() : checkId(ids.get(i));
            if (!seen.add(id)) {
                repeated.add(id);
            }
            float[] vector = vectorsOptional && vectors.get(i) == null ? null : checkVector(spec, vectors.get(i));
            rows.add(new StoredRow(id, vector, normalize(spec, metadata.get(i))));
        }
        if (!repeated.isEmpty()) {
            throw new DuplicateIdException(spec.name(), repeated);
        }
        return rows;
    }

    /**
     * Checks a search against {@code spec} before a backend runs it, so every backend refuses the same bad request
     * with the same message.
     *
     * @throws SchemaMismatchException for a query vector of the wrong dimension or an unknown output field
     */
    public static void checkSearch(CollectionSpec spec, SearchRequest request) {
        for (float[] v : request.vectors()) {
            if (v.length != spec.dimension()) {
                throw new SchemaMismatchException("collection '" + spec.name() + "' has dimension " + spec.dimension()
                        + " but the query vector has " + v.length + "; query with the model the collection was built with");
            }
        }
        for (String field : request.outputFields()) {
            if (!spec.schema().containsKey(field)) {
                throw new SchemaMismatchException("unknown output field '" + field + "'; collection '" + spec.name()
                        + "' has fields " + spec.schema().keySet());
            }
        }
    }

    private static String checkId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("row id must be a non-blank string of at most " + MAX_ID_LENGTH
                    + " characters, got '" + id + "'");
        }
        return id;
    }

    private static float[] checkVector(CollectionSpec spec, float[] v) {
        if (v == null || v.length != spec.dimension()) {
            throw new SchemaMismatchException("collection '" + spec.name() + "' has dimension " + spec.dimension()
                    + " but a vector has " + (v == null ? "none" : v.length)
                    + "; embed with the model the collection was built with, or re-index");
        }
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new SchemaMismatchException("a vector for collection '" + spec.name() + "' holds " + f);
            }
        }
        return v.clone();
    }

    /** The metadata of one row, checked against the schema and converted to the canonical value types. */
    public static Map<String, Object> normalize(CollectionSpec spec, Map<String, Object> metadata) {
        if (metadata == null) {
            throw new SchemaMismatchException("a row has no metadata; collection '" + spec.name() + "' needs "
                    + spec.schema().keySet());
        }
        for (String key : metadata.keySet()) {
            if (!spec.schema().containsKey(key)) {
                throw new SchemaMismatchException("unknown metadata field '" + key + "' for collection '" + spec.name()
                        + "'; its fields are " + spec.schema().keySet());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var field : spec.schema().entrySet()) {
            Object value = metadata.get(field.getKey());
            if (value == null) {
                throw new SchemaMismatchException("metadata field '" + field.getKey() + "' is missing (or null) in a row for collection '"
                        + spec.name() + "'; every field of the schema needs a value");
            }
            out.put(field.getKey(), convert(spec.name(), field.getKey(), field.getValue(), value));
        }
        return out;
    }

    private static Object convert(String collection, String field, FieldType type, Object value) {
        Object converted = switch (type) {
            case STRING -> value instanceof String s && fitsUtf8(s, FieldType.MAX_STRING_BYTES) ? s : null;
            case TEXT -> value instanceof String s && fitsUtf8(s, FieldType.MAX_TEXT_BYTES) ? s : null;
            case INT -> integral(value);
            case FLOAT -> value instanceof Number n ? (Object) n.floatValue() : null;
            case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : null;
            case BOOL -> value instanceof Boolean b ? b : null;
            case STRING_ARRAY -> list(value, v -> v instanceof String s && fitsUtf8(s, FieldType.MAX_STRING_BYTES) ? s : null);
            case INT_ARRAY -> list(value, Rows::integral);
        };
        if (converted == null) {
            throw new SchemaMismatchException("metadata field '" + field + "' of collection '" + collection + "' is "
                    + type.name().toLowerCase(Locale.ROOT) + " but a row has " + preview(value) + limitHint(type));
        }
        return converted;
    }

    private static Long integral(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            default -> null;
        };
    }

    private static List<Object> list(Object value, java.util.function.Function<Object, Object> element) {
        if (!(value instanceof List<?> list) || list.size() > FieldType.MAX_ARRAY_ELEMENTS) {
            return null;
        }
        List<Object> out = new ArrayList<>(list.size());
        for (Object v : list) {
            Object c = v == null ? null : element.apply(v);
            if (c == null) {
                return null;
            }
            out.add(c);
        }
        return List.copyOf(out);
    }

    private static String limitHint(FieldType type) {
        return switch (type) {
            case STRING, STRING_ARRAY -> " (strings hold at most " + FieldType.MAX_STRING_BYTES + " UTF-8 bytes)";
            case TEXT -> " (text holds at most " + FieldType.MAX_TEXT_BYTES + " UTF-8 bytes)";
            default -> "";
        };
    }

    private static String preview(Object value) {
        String s = String.valueOf(value);
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return "a " + value.getClass().getSimpleName() + " '" + shown + "'";
    }

    /** Whether {@code s} encodes to at most {@code maxBytes} UTF-8 bytes, without encoding short strings. */
    static boolean fitsUtf8(String s, int maxBytes) {
        if ((long) s.length() * 3 <= maxBytes) {
            return true;
        }
        return s.length() <= maxBytes && s.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }
}
