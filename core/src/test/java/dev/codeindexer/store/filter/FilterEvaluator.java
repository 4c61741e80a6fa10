package dev.codeindexer.store.filter;

import java.util.List;
import java.util.Map;

/**
 * The meaning of a {@link Filter}, evaluated in memory over one row's metadata. The contract suite uses it as the
 * oracle that every backend's translation must agree with.
 */
public final class FilterEvaluator {
    private FilterEvaluator() {
    }

    public static boolean matches(Filter filter, Map<String, Object> row) {
        return switch (filter) {
            case Filter.Eq(String field, Object value) -> anyEquals(row.get(field), List.of(value));
            case Filter.Ne(String field, Object value) -> !anyEquals(row.get(field), List.of(value));
            case Filter.In(String field, List<Object> values) -> anyEquals(row.get(field), values);
            case Filter.Range r -> inRange(row.get(r.field()), r);
            case Filter.And(List<Filter> filters) -> filters.stream().allMatch(f -> matches(f, row));
            case Filter.Or(List<Filter> filters) -> filters.stream().anyMatch(f -> matches(f, row));
            case Filter.Not(Filter inner) -> !matches(inner, row);
        };
    }

    private static boolean anyEquals(Object actual, List<Object> wanted) {
        List<?> actuals = actual instanceof List<?> list ? list : List.of(actual);
        for (Object a : actuals) {
            for (Object w : wanted) {
                if (same(a, w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean same(Object a, Object w) {
        if (a instanceof Number x && w instanceof Number y) {
            return x instanceof Float || y instanceof Float
                    ? x.floatValue() == y.floatValue()
                    : x.doubleValue() == y.doubleValue();
        }
        return a.equals(w);
    }

    private static boolean inRange(Object actual, Filter.Range r) {
        return (r.lower() == null || compare(actual, r.lower()) > (r.lowerInclusive() ? -1 : 0))
                && (r.upper() == null || compare(actual, r.upper()) < (r.upperInclusive() ? 1 : 0));
    }

    private static int compare(Object actual, Object bound) {
        if (actual instanceof String s) {
            return compareUtf8(s, (String) bound);
        }
        if (actual instanceof Float f) {
            return Float.compare(f, ((Number) bound).floatValue());
        }
        return Double.compare(((Number) actual).doubleValue(), ((Number) bound).doubleValue());
    }

    private static int compareUtf8(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
