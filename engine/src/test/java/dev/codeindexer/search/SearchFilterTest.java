package dev.codeindexer.search;

import static dev.codeindexer.store.filter.Filters.and;
import static dev.codeindexer.store.filter.Filters.in;
import static dev.codeindexer.store.filter.Filters.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.store.filter.FilterParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchFilterTest {
    @Test
    void optionsBecomeOnePortableFilter() {
        SearchOptions o = SearchOptions.builder().topK(5).languages(List.of("java", "kotlin")).entityTypes(List.of("method"))
                .lines(100, 200).build();
        assertThat(Searcher.filter(o, List.of("src/A.java"))).isEqualTo(and(in("language", "java", "kotlin"),
                in("entity_type", "method"), in("file_path", "src/A.java"), range("start_line").lte(200L),
                range("end_line").gte(100L)));
        assertThat(Searcher.filter(SearchOptions.topK(3), null)).isNull();
    }

    @Test
    void aStructuredFilterIsAndedWithTheOptionFilters() {
        SearchOptions o = SearchOptions.builder().languages(List.of("Python"))
                .filter(FilterParser.parse(Map.of("entity_type", List.of("function", "method")))).build();
        assertThat(o.languages()).containsExactly("python");
        assertThat(Searcher.filter(o, null)).isEqualTo(and(in("language", "python"),
                in("entity_type", "function", "method")));
    }

    @Test
    void unknownLanguagesAndEntityTypesAreTheCallersMistakeAndNameTheKnownValues() {
        assertThatThrownBy(() -> SearchOptions.builder().languages(List.of("cobol")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown language 'cobol'")
                .hasMessageContaining("java");
        assertThatThrownBy(() -> SearchOptions.builder().entityTypes(List.of("methd")).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown entity type 'methd'")
                .hasMessageContaining("method");
    }

    @Test
    void lineNumbersTooLargeForALongAreTheCallersMistakeNotANumberFormatCrash() {
        assertThatThrownBy(() -> SearchOptions.parseLines("1-99999999999999999999"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("--lines takes A-B");
    }

    @Test
    void lineRangesParse() {
        assertThat(SearchOptions.parseLines("100-200")).containsExactly(100, 200);
        assertThat(SearchOptions.parseLines("100-")).containsExactly(100, 0);
        assertThat(SearchOptions.parseLines("-50")).containsExactly(1, 50);
        assertThatThrownBy(() -> SearchOptions.parseLines("abc")).hasMessageContaining("--lines takes A-B");
        assertThatThrownBy(() -> SearchOptions.builder().lines(30, 20).build()).hasMessageContaining("--lines");
        assertThatThrownBy(() -> SearchOptions.topK(0)).hasMessageContaining("--top-k");
    }

    @Test
    void globsMatchPathsOrFileNames() {
        List<String> paths = List.of("src/main/A.java", "src/test/ATest.java", "README.md", "lib/b/c.py");
        assertThat(PathGlob.of("src/**/*.java").filter(paths)).containsExactly("src/main/A.java", "src/test/ATest.java");
        assertThat(PathGlob.of("*Test.java").filter(paths)).containsExactly("src/test/ATest.java");
        assertThat(PathGlob.of("*.{md,py}").filter(paths)).containsExactly("README.md", "lib/b/c.py");
        assertThat(PathGlob.of("lib/*").filter(paths)).isEmpty();
        assertThatThrownBy(() -> PathGlob.of("src/[")).hasMessageContaining("not a valid glob");
    }
}
