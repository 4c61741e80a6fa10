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

import dev.codeindexer.store.InvalidFilterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterParserTest {

    @Test
    void flatMapsAreConjunctionsOfEqualityInAndOperators() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("language", "java");
        flat.put("entity_type", List.of("class", "method"));
        flat.put("start_line", Map.of("gte", 10));
        assertThat(FilterParser.parse(flat)).isEqualTo(and(eq("language", "java"), in("entity_type", "class", "method"),
                range("start_line").gte(10)));
        assertThat(FilterParser.parse(Map.of("language", "go"))).isEqualTo(eq("language", "go"));
        assertThat(FilterParser.parse(Map.of())).isNull();
    }

    @Test
    void structuredFormCoversEveryOperator() {
        String json = """
                {"operator": "and", "conditions": [
                  {"operator": "eq", "field": "language", "value": "python"},
                  {"operator": "or", "conditions": [
                    {"operator": "eq", "field": "entity_type", "value": "function"},
                    {"operator": "in", "field": "entity_type", "value": ["method", "constructor"]}]},
                  {"operator": "range", "field": "start_line", "value": {"gte": 100, "lte": 200}},
                  {"operator": "not", "conditions": [{"operator": "ne", "field": "exported", "value": true}]},
                  {"operator": "gt", "field": "score", "value": 0.5}
                ]}""";
        assertThat(FilterParser.parseJson(json)).isEqualTo(and(
                eq("language", "python"),
                or(eq("entity_type", "function"), in("entity_type", "method", "constructor")),
                range("start_line").gte(100).lte(200),
                not(ne("exported", true)),
                range("score").gt(0.5)));
    }

    @Test
    void badInputGetsAnErrorThatSaysWhatToFix() {
        assertThatThrownBy(() -> FilterParser.parseJson("{\"operator\": \"like\", \"field\": \"a\", \"value\": 1}"))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("unknown filter operator 'like'");
        assertThatThrownBy(() -> FilterParser.parseJson("{\"operator\": \"eq\", \"value\": 1}"))
                .hasMessageContaining("needs a \"field\"");
        assertThatThrownBy(() -> FilterParser.parseJson("{\"operator\": \"and\"}"))
                .hasMessageContaining("needs \"conditions\"");
        assertThatThrownBy(() -> FilterParser.parseJson("{\"operator\": \"in\", \"field\": \"a\", \"value\": 1}"))
                .hasMessageContaining("needs a list");
        assertThatThrownBy(() -> FilterParser.parseJson("{\"a\": {\"between\": 1}}"))
                .hasMessageContaining("unknown filter operator 'between'");
        assertThatThrownBy(() -> FilterParser.parseJson("[1, 2]")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> FilterParser.parseJson("{oops")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> FilterParser.parseJson("{\"a\\\"b\": 1}")).hasMessageContaining("invalid filter field name");
        assertThat(FilterParser.parseJson("  ")).isNull();
    }
}
