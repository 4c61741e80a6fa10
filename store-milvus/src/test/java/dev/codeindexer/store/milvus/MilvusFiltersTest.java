package dev.codeindexer.store.milvus;

import dev.codeindexer.store.ContractFixtures;
import dev.codeindexer.store.InvalidFilterException;
import org.junit.jupiter.api.Test;

import static dev.codeindexer.store.filter.Filters.and;
import static dev.codeindexer.store.filter.Filters.eq;
import static dev.codeindexer.store.filter.Filters.in;
import static dev.codeindexer.store.filter.Filters.ne;
import static dev.codeindexer.store.filter.Filters.not;
import static dev.codeindexer.store.filter.Filters.or;
import static dev.codeindexer.store.filter.Filters.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The expressions sent to Milvus, checked as text; the contract suite checks what they match on a real server. */
class MilvusFiltersTest {
    private static String expr(dev.codeindexer.store.filter.Filter f) {
        return MilvusFilters.expression(f, ContractFixtures.SCHEMA, "c");
    }

    @Test
    void scalarAndArrayOperatorsTranslate() {
        assertThat(expr(eq("language", "go"))).isEqualTo("language == \"go\"");
        assertThat(expr(ne("start_line", 3))).isEqualTo("start_line != 3");
        assertThat(expr(in("language", "go", "rust"))).isEqualTo("language in [\"go\", \"rust\"]");
        assertThat(expr(eq("tags", "t1"))).isEqualTo("array_contains(tags, \"t1\")");
        assertThat(expr(ne("lines", 2))).isEqualTo("not array_contains(lines, 2)");
        assertThat(expr(in("tags", "a", "b"))).isEqualTo("array_contains_any(tags, [\"a\", \"b\"])");
        assertThat(expr(eq("exported", true))).isEqualTo("exported == true");
        assertThat(expr(range("start_line").gte(100).lt(200))).isEqualTo("(start_line >= 100 and start_line < 200)");
        assertThat(expr(range("ratio").gt(1e-7))).isEqualTo("ratio > 0.00000010");
        assertThat(expr(and(eq("language", "go"), or(eq("entity_type", "method"), not(eq("exported", false))))))
                .isEqualTo("((language == \"go\") and (((entity_type == \"method\") or (not (exported == false)))))");
        assertThat(MilvusFilters.expression(null, ContractFixtures.SCHEMA, "c")).isEmpty();
    }

    @Test
    void stringValuesCannotEscapeTheirLiteral() {
        assertThat(expr(eq("file_path", "a\" || id != \""))).isEqualTo("file_path == \"a\\\" || id != \\\"\"");
        assertThat(expr(eq("file_path", "a\\"))).isEqualTo("file_path == \"a\\\\\"");
        assertThat(expr(eq("file_path", "line\nbreak\ttab\r"))).isEqualTo("file_path == \"line\\nbreak\\ttab\\r\"");
        assertThat(expr(eq("file_path", "x' or '1'='1"))).isEqualTo("file_path == \"x' or '1'='1\"");
        assertThat(expr(eq("file_path", "日本語/🎉"))).isEqualTo("file_path == \"日本語/🎉\"");
    }

    @Test
    void controlCharactersAndUnknownFieldsAreRefusedBeforeReachingTheServer() {
        assertThatThrownBy(() -> expr(eq("file_path", "a\u0000b"))).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> expr(eq("no_such_field", "x"))).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("no_such_field");
        assertThatThrownBy(() -> expr(eq("content", "x"))).isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("full text");
    }
}
