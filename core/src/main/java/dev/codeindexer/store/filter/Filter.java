package dev.codeindexer.store.filter;

import dev.codeindexer.store.InvalidFilterException;
import java.util.List;

/**
 * A portable metadata filter. Each backend translates it with an exhaustive {@code switch} over these records, so
 * a new operator cannot be forgotten by one of them. Build filters with {@link Filters}; parse user input with
 * {@link FilterParser}. Field names are checked here (syntax) and against the collection's schema by
 * {@link FilterValidator} (existence and value types) before any backend sees them.
 *
 * <p>Values are normalised on construction: integral numbers become {@link Long}, other numbers {@link Double};
 * strings and booleans stay as they are. Nothing else is accepted.
 */
public sealed interface Filter permits Filter.Eq, Filter.Ne, Filter.In, Filter.Range, Filter.And, Filter.Or, Filter.Not {

    /** {@code field == value}; on an array field, "the array contains value". */
    record Eq(String field, Object value) implements Filter {
        public Eq {
            FilterValues.checkField(field);
            value = FilterValues.normalize(field, value);
        }
    }

    /** {@code field != value}; on an array field, "the array does not contain value". */
    record Ne(String field, Object value) implements Filter {
        public Ne {
            FilterValues.checkField(field);
            value = FilterValues.normalize(field, value);
        }
    }

    /** {@code field} equals one of {@code values}; on an array field, "contains any of values". */
    record In(String field, List<Object> values) implements Filter {
        public In {
            FilterValues.checkField(field);
            if (values == null || values.isEmpty()) {
                throw new InvalidFilterException("'in' on field '" + field + "' needs at least one value");
            }
            values = values.stream().map(v -> FilterValues.normalize(field, v)).toList();
        }
    }

    /**
     * {@code lower <(=) field <(=) upper}; either bound may be absent (null), not both. Bounds are numbers, or
     * strings compared lexicographically by UTF-8 bytes. Build with {@code Filters.range(field).gte(a).lt(b)}.
     */
    record Range(String field, Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive)
            implements Filter {
        public Range {
            FilterValues.checkField(field);
            lower = lower == null ? null : FilterValues.normalizeComparable(field, lower);
            upper = upper == null ? null : FilterValues.normalizeComparable(field, upper);
            if (lower != null && upper != null && (lower instanceof String) != (upper instanceof String)) {
                throw new InvalidFilterException("range on field '" + field + "' mixes a string and a number bound");
            }
        }

        public Range gt(Object v) {
            return new Range(field, v, false, upper, upperInclusive);
        }

        public Range gte(Object v) {
            return new Range(field, v, true, upper, upperInclusive);
        }

        public Range lt(Object v) {
            return new Range(field, lower, lowerInclusive, v, false);
        }

        public Range lte(Object v) {
            return new Range(field, lower, lowerInclusive, v, true);
        }
    }

    /** All of {@code filters}. */
    record And(List<Filter> filters) implements Filter {
        public And {
            filters = FilterValues.operands("and", filters);
        }
    }

    /** Any of {@code filters}. */
    record Or(List<Filter> filters) implements Filter {
        public Or {
            filters = FilterValues.operands("or", filters);
        }
    }

    /** Not {@code filter}. */
    record Not(Filter filter) implements Filter {
        public Not {
            if (filter == null) {
                throw new InvalidFilterException("'not' needs a filter");
            }
        }
    }
}
