package dev.codeindexer.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The type of one metadata field. Every backend maps each type to its own column type; the filter operators a type
 * supports are the same everywhere.
 *
 * <ul>
 *   <li>{@link #STRING}: a short string (at most {@link #MAX_STRING_BYTES} UTF-8 bytes), filterable by
 *       eq/ne/in/range.</li>
 *   <li>{@link #TEXT}: a long string (source code), stored and full-text indexed; not usable in filters.</li>
 *   <li>{@link #INT}: a 64-bit integer. {@link #FLOAT} and {@link #DOUBLE}: floating point numbers.</li>
 *   <li>{@link #BOOL}: true or false (eq/ne/in only).</li>
 *   <li>{@link #STRING_ARRAY} and {@link #INT_ARRAY}: lists; {@code eq} means "contains", {@code in} means
 *       "contains any", {@code ne} means "does not contain".</li>
 * </ul>
 */
public enum FieldType {
    STRING, TEXT, INT, FLOAT, DOUBLE, BOOL, STRING_ARRAY, INT_ARRAY;

    /** Longest value a {@link #STRING} field takes; Milvus VARCHAR and Lucene terms both allow more. */
    public static final int MAX_STRING_BYTES = 8192;

    /** Longest value a {@link #TEXT} field takes (the Milvus VARCHAR limit). */
    public static final int MAX_TEXT_BYTES = 65_535;

    /** Most elements an array field holds. */
    public static final int MAX_ARRAY_ELEMENTS = 256;

    public boolean isArray() {
        return this == STRING_ARRAY || this == INT_ARRAY;
    }

    public boolean isNumeric() {
        return this == INT || this == FLOAT || this == DOUBLE || this == INT_ARRAY;
    }

    /** Parses the names used in config and schemas: {@code string, text, int|integer, float, double, bool|boolean, array|array<string>, array<int>}. */
    public static FieldType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (n) {
            case "string", "str", "varchar", "keyword" -> STRING;
            case "text" -> TEXT;
            case "int", "integer", "long", "int64" -> INT;
            case "float", "float32" -> FLOAT;
            case "double", "float64" -> DOUBLE;
            case "bool", "boolean" -> BOOL;
            case "array", "array<string>", "string[]", "string_array" -> STRING_ARRAY;
            case "array<int>", "array<integer>", "int[]", "int_array" -> INT_ARRAY;
            default -> throw new IllegalArgumentException("unknown field type '" + name + "'; use one of "
                    + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        };
    }
}
