package dev.codeindexer.store.filter;

import java.util.Arrays;
import java.util.List;

/**
 * Static builder for {@link Filter}s, meant for static import:
 * <pre>{@code
 * and(eq("language", "python"),
 *     or(eq("entity_type", "function"), eq("entity_type", "method")),
 *     range("start_line").gte(100).lte(200))
 * }</pre>
 */
public final class Filters {
    private Filters() {
    }

    public static Filter eq(String field, Object value) {
        return new Filter.Eq(field, value);
    }

    public static Filter ne(String field, Object value) {
        return new Filter.Ne(field, value);
    }

    public static Filter in(String field, Object... values) {
        return new Filter.In(field, Arrays.asList(values));
    }

    public static Filter in(String field, List<?> values) {
        return new Filter.In(field, List.copyOf(values));
    }

    /** An open range on {@code field}; bound it with {@code gt/gte/lt/lte}. */
    public static Filter.Range range(String field) {
        return new Filter.Range(field, null, false, null, false);
    }

    public static Filter and(Filter... filters) {
        return new Filter.And(Arrays.asList(filters));
    }

    public static Filter and(List<Filter> filters) {
        return new Filter.And(filters);
    }

    public static Filter or(Filter... filters) {
        return new Filter.Or(Arrays.asList(filters));
    }

    public static Filter or(List<Filter> filters) {
        return new Filter.Or(filters);
    }

    public static Filter not(Filter filter) {
        return new Filter.Not(filter);
    }

    /** {@code a AND b} where either may be null (absent): the other is returned, or null when both are. */
    public static Filter both(Filter a, Filter b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : and(a, b);
    }
}
