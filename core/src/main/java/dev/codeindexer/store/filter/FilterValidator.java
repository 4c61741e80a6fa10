package dev.codeindexer.store.filter;

import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.InvalidFilterException;
import java.util.Map;

/**
 * Checks a {@link Filter} against a collection's schema before any backend translates it: every field must exist
 * and be filterable, every value must fit the field's type, every range needs a bound. Backends call this first,
 * so their translators may assume well-typed input and no user value ever reaches a query unchecked.
 */
public final class FilterValidator {
    private FilterValidator() {
    }

    /** Throws {@link InvalidFilterException} naming the field and the fix unless {@code filter} fits {@code schema}. */
    public static void validate(Filter filter, Map<String, FieldType> schema, String collection) {
        switch (filter) {
            case Filter.Eq(String field, Object value) -> checkValue(field, value, type(field, schema, collection));
            case Filter.Ne(String field, Object value) -> checkValue(field, value, type(field, schema, collection));
            case Filter.In(String field, var values) -> {
                FieldType type = type(field, schema, collection);
                values.forEach(v -> checkValue(field, v, type));
            }
            case Filter.Range r -> checkRange(r, type(r.field(), schema, collection));
            case Filter.And(var filters) -> filters.forEach(f -> validate(f, schema, collection));
            case Filter.Or(var filters) -> filters.forEach(f -> validate(f, schema, collection));
            case Filter.Not(Filter inner) -> validate(inner, schema, collection);
        }
    }

    private static FieldType type(String field, Map<String, FieldType> schema, String collection) {
        FieldType type = schema.get(field);
        if (type == null) {
            throw new InvalidFilterException("unknown field '" + field + "' in filter; collection '" + collection
                    + "' has fields " + schema.keySet());
        }
        if (type == FieldType.TEXT) {
            throw new InvalidFilterException("field '" + field + "' is full text and cannot be filtered on; "
                    + "filter on a string field instead");
        }
        return type;
    }

    private static void checkValue(String field, Object value, FieldType type) {
        boolean ok = switch (type) {
            case STRING, STRING_ARRAY -> value instanceof String;
            case INT, INT_ARRAY -> value instanceof Long;
            case FLOAT, DOUBLE -> value instanceof Long || value instanceof Double;
            case BOOL -> value instanceof Boolean;
            case TEXT -> false;
        };
        if (!ok) {
            throw new InvalidFilterException("field '" + field + "' is " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " but the filter compares it with " + describe(value));
        }
    }

    private static void checkRange(Filter.Range r, FieldType type) {
        if (r.lower() == null && r.upper() == null) {
            throw new InvalidFilterException("range on field '" + r.field() + "' has no bound; add gt/gte/lt/lte");
        }
        if (type.isArray() || type == FieldType.BOOL) {
            throw new InvalidFilterException("range is not supported on " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + " field '" + r.field() + "'");
        }
        for (Object bound : new Object[] {r.lower(), r.upper()}) {
            if (bound != null) {
                checkValue(r.field(), bound, type);
            }
        }
    }

    private static String describe(Object value) {
        return switch (value) {
            case String s -> "the string \"" + s + "\"";
            case Long l -> "the integer " + l;
            case Double d -> "the number " + d;
            case Boolean b -> "the boolean " + b;
            default -> String.valueOf(value);
        };
    }
}
