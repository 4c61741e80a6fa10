package dev.codeindexer.store.filter;

import static dev.codeindexer.store.filter.Filters.and;
import static dev.codeindexer.store.filter.Filters.eq;
import static dev.codeindexer.store.filter.Filters.in;
import static dev.codeindexer.store.filter.Filters.ne;
import static dev.codeindexer.store.filter.Filters.not;
import static dev.codeindexer.store.filter.Filters.or;
import static dev.codeindexer.store.filter.Filters.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.InvalidFilterException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiltersTest {
    private static final Map<String, FieldType> SCHEMA = Map.of("language", FieldType.STRING, "start_line",
            FieldType.INT, "score", FieldType.DOUBLE, "exported", FieldType.BOOL, "tags", FieldType.STRING_ARRAY,
            "content", FieldType.TEXT);

    @Test
    void builderProducesTheSealedRecords() {
        Filter f = and(eq("language", "python"), or(eq("entity_type", "function"), eq("entity_type", "method")),
                range("start_line").gte(100).lte(200));
        assertThat(f).isEqualTo(new Filter.And(List.of(
                new Filter.Eq("language", "python"),
                new Filter.Or(List.of(new Filter.Eq("entity_type", "function"), new Filter.Eq("entity_type", "method"))),
                new Filter.Range("start_line", 100L, true, 200L, true))));
    }

    @Test
    void numbersAreNormalisedToLongOrDouble() {
        assertThat(((Filter.Eq) eq("start_line", 7)).value()).isEqualTo(7L);
        assertThat(((Filter.Eq) eq("start_line", (short) 7)).value()).isEqualTo(7L);
        assertThat(((Filter.Eq) eq("score", 1.5f)).value()).isEqualTo(1.5d);
        assertThat(((Filter.In) in("start_line", 1, 2L)).values()).containsExactly(1L, 2L);
        assertThat(range("start_line").gt(1).lt(5)).isEqualTo(new Filter.Range("start_line", 1L, false, 5L, false));
        assertThatThrownBy(() -> eq("start_line", BigInteger.TWO.pow(70))).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> eq("score", Double.NaN)).isInstanceOf(InvalidFilterException.class);
    }

    @Test
    void malformedFiltersAreRejectedAtConstruction() {
        assertThatThrownBy(() -> eq("language\" || 1==1", "x")).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("invalid filter field name");
        assertThatThrownBy(() -> eq("", "x")).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> eq("language", null)).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> eq("language", List.of("x"))).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> in("language")).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> and()).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> not(null)).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> range("start_line").gte("a").lt(5)).isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> range("exported").gte(true)).isInstanceOf(InvalidFilterException.class);
    }

    @Test
    void validatorChecksFieldsAndValueTypesAgainstTheSchema() {
        FilterValidator.validate(and(eq("language", "go"), ne("exported", true), in("tags", "a", "b"),
                range("score").gte(1).lt(2.5), not(range("start_line").lte(9))), SCHEMA, "code");
        assertThatThrownBy(() -> FilterValidator.validate(eq("colour", "red"), SCHEMA, "code"))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("unknown field 'colour'").hasMessageContaining("collection 'code'");
        assertThatThrownBy(() -> FilterValidator.validate(eq("start_line", "10"), SCHEMA, "code"))
                .hasMessageContaining("field 'start_line' is int but the filter compares it with the string \"10\"");
        assertThatThrownBy(() -> FilterValidator.validate(eq("start_line", 1.5), SCHEMA, "code"))
                .isInstanceOf(InvalidFilterException.class);
        assertThatThrownBy(() -> FilterValidator.validate(eq("content", "x"), SCHEMA, "code"))
                .hasMessageContaining("full text");
        assertThatThrownBy(() -> FilterValidator.validate(range("start_line"), SCHEMA, "code"))
                .hasMessageContaining("no bound");
        assertThatThrownBy(() -> FilterValidator.validate(range("tags").gte("a"), SCHEMA, "code"))
                .hasMessageContaining("range is not supported");
        assertThatThrownBy(() -> FilterValidator.validate(or(eq("language", "go"), not(eq("exported", "yes"))),
                SCHEMA, "code")).hasMessageContaining("exported");
    }

    @Test
    void bothCombinesOptionalFilters() {
        assertThat(Filters.both(null, null)).isNull();
        assertThat(Filters.both(eq("a", 1), null)).isEqualTo(eq("a", 1));
        assertThat(Filters.both(null, eq("a", 1))).isEqualTo(eq("a", 1));
        assertThat(Filters.both(eq("a", 1), eq("b", 2))).isEqualTo(and(eq("a", 1), eq("b", 2)));
    }
}
