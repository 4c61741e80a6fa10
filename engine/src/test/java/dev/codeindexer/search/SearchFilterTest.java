package dev.codeindexer.search;

import static dev.codeindexer.store.filter.Filters.and;
import static dev.codeindexer.store.filter.Filters.in;
import static dev.codeindexer.store.filter.Filters.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchFilterTest {
    @Test
    void optionsBecomeOnePortableFilter() {
        SearchOptions o = new SearchOptions(5, List.of("java", "kotlin"), List.of("method"), null, 100, 200, null, null);
        assertThat(Searcher.filter(o, List.of("src/A.java"))).isEqualTo(and(in("language", "java", "kotlin"),
                in("entity_type", "method"), in("file_path", "src/A.java"), range("start_line").lte(200L),
                range("end_line").gte(100L)));
        assertThat(Searcher.filter(SearchOptions.topK(3), null)).isNull();
    }

    @Test
    void lineRangesParse() {
        assertThat(SearchOptions.parseLines("100-200")).containsExactly(100, 200);
        assertThat(SearchOptions.parseLines("100-")).containsExactly(100, 0);
        assertThat(SearchOptions.parseLines("-50")).containsExactly(1, 50);
        assertThatThrownBy(() -> SearchOptions.parseLines("abc")).hasMessageContaining("--lines takes A-B");
        assertThatThrownBy(() -> new SearchOptions(5, null, null, null, 30, 20, null, null)).hasMessageContaining("--lines");
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
