package dev.codeindexer.store.milvus;

import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.InvalidFilterException;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.FilterValidator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Translates the portable {@link Filter} model into a Milvus boolean expression.
 *
 * <p>Safety rests on two rules: the filter is validated against the collection's schema first (so every field name
 * is a known column, never user text), and every string value is written as a double-quoted literal in which
 * {@code \} and {@code "} are escaped, so no value can close its literal and widen a delete. Filter templates
 * ({@code {name}} placeholders) would be nicer, but Milvus Lite rejects them, and escaping is portable.
 */
final class MilvusFilters {
    private MilvusFilters() {
    }

    /** The expression for {@code filter}, or the empty string (match everything) when it is null. */
    static String expression(Filter filter, Map<String, FieldType> schema, String collection) {
        if (filter == null) {
            return "";
        }
        FilterValidator.validate(filter, schema, collection);
        return translate(filter, schema);
    }

    private static String translate(Filter filter, Map<String, FieldType> schema) {
        return switch (filter) {
            case Filter.Eq(String field, Object value) -> schema.get(field).isArray()
                    ? "array_contains(" + field + ", " + literal(value) + ")"
                    : field + " == " + literal(value);
            case Filter.Ne(String field, Object value) -> schema.get(field).isArray()
                    ? "not array_contains(" + field + ", " + literal(value) + ")"
                    : field + " != " + literal(value);
            case Filter.In(String field, List<Object> values) -> schema.get(field).isArray()
                    ? "array_contains_any(" + field + ", " + list(values) + ")"
                    : field + " in " + list(values);
            case Filter.Range r -> range(r);
            case Filter.And(List<Filter> filters) -> join(filters, " and ", schema);
            case Filter.Or(List<Filter> filters) -> join(filters, " or ", schema);
            case Filter.Not(Filter inner) -> "not (" + translate(inner, schema) + ")";
        };
    }

    private static String range(Filter.Range r) {
        String lower = r.lower() == null ? null : r.field() + (r.lowerInclusive() ? " >= " : " > ") + literal(r.lower());
        String upper = r.upper() == null ? null : r.field() + (r.upperInclusive() ? " <= " : " < ") + literal(r.upper());
        if (lower != null && upper != null) {
            return "(" + lower + " and " + upper + ")";
        }
        return lower != null ? lower : upper;
    }

    private static String join(List<Filter> filters, String op, Map<String, FieldType> schema) {
        return filters.stream().map(f -> "(" + translate(f, schema) + ")").collect(Collectors.joining(op, "(", ")"));
    }

    private static String list(List<Object> values) {
        return values.stream().map(MilvusFilters::literal).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A value as a Milvus literal. Values were normalised by {@link Filter}: String, Long, Double or Boolean. */
    static String literal(Object value) {
        return switch (value) {
            case String s -> quote(s);
            case Long l -> Long.toString(l);
            // Plain notation: the expression parser's float grammar has no exponent in every server version.
            case Double d -> BigDecimal.valueOf(d).toPlainString();
            case Boolean b -> b ? "true" : "false";
            default -> throw new InvalidFilterException("cannot write " + value.getClass().getSimpleName()
                    + " as a Milvus filter value");
        };
    }

    /**
     * A double-quoted string literal. Milvus parses the escapes {@code \\ \" \n \r \t}; a raw line break or another
     * control character inside a literal is a syntax error there (and {@code \}{@code uXXXX} is not understood by
     * every server), so those are refused with a clear message rather than sent.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        throw new InvalidFilterException(String.format(
                                "filter value \"%s\" holds the control character U+%04X, which a Milvus filter cannot "
                                        + "express; remove it from the value", s.replaceAll("\\p{Cntrl}", "?"), (int) c));
                    }
                    out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
