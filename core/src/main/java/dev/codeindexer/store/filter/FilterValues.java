package dev.codeindexer.store.filter;

import dev.codeindexer.store.InvalidFilterException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Syntax checks and value normalisation shared by the {@link Filter} records. */
final class FilterValues {
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private FilterValues() {
    }

    static void checkField(String field) {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new InvalidFilterException("invalid filter field name '" + field
                    + "': use letters, digits and '_', starting with a letter or '_'");
        }
    }

    static Object normalize(String field, Object value) {
        return switch (value) {
            case null -> throw new InvalidFilterException("filter on field '" + field + "' has a null value");
            case String s -> s;
            case Boolean b -> b;
            case Number n -> normalizeNumber(field, n);
            default -> throw new InvalidFilterException("filter on field '" + field + "' has a value of type "
                    + value.getClass().getSimpleName() + "; use a string, number or boolean");
        };
    }

    static Object normalizeComparable(String field, Object value) {
        Object v = normalize(field, value);
        if (v instanceof Boolean) {
            throw new InvalidFilterException("range on field '" + field + "' cannot use a boolean bound");
        }
        return v;
    }

    private static Object normalizeNumber(String field, Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger big) {
            try {
                return big.longValueExact();
            } catch (ArithmeticException e) {
                throw new InvalidFilterException("filter on field '" + field + "' has an integer out of range: " + n);
            }
        }
        double d = n instanceof BigDecimal dec ? dec.doubleValue() : n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new InvalidFilterException("filter on field '" + field + "' has a non-finite number " + n);
        }
        return d;
    }

    static List<Filter> operands(String op, List<Filter> filters) {
        if (filters == null || filters.isEmpty()) {
            throw new InvalidFilterException("'" + op + "' needs at least one filter");
        }
        filters.forEach(f -> Objects.requireNonNull(f, () -> "'" + op + "' has a null operand"));
        return List.copyOf(filters);
    }
}
