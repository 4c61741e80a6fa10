package dev.codeindexer.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.chunk.SymbolKind;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.FileSymbols;
import dev.codeindexer.index.IndexException;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.SymbolTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups by name in their three tiers, with filters, and file outlines, over a table of real extracted symbols. */
class SymbolIndexTest {
    @TempDir
    Path repo;
    @TempDir
    Path home;

    private IndexLocation location;
    private SymbolIndex index;

    private static final String JAVA = """
            package demo;

            /** Dates. */
            public class DateUtils {
                public static String parseDate(String s) {
                    return s;
                }

                public static String parseDate(String s, String pattern) {
                    return s;
                }

                static String parseDateStrictly(String s) {
                    return s;
                }

                static class Parser {
                    String parse() {
                        return "";
                    }
                }
            }
            """;
    private static final String PYTHON = """
            def parse_date(value):
                def helper():
                    return value
                return helper()


            class DateParser:
                def parse(self):
                    return None
            """;

    @BeforeEach
    void build() throws Exception {
        location = IndexLocation.of(repo, null, null, Map.of("CODE_INDEXER_HOME", home.toString()));
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/DateUtils.java"), JAVA);
        Files.writeString(repo.resolve("src/dates.py"), PYTHON);
        SymbolTable table = SymbolTable.load(location.symbolsFile());
        try (Chunker chunker = Chunker.create()) {
            table.record(List.of(
                    FileSymbols.of("src/DateUtils.java", "h1", chunker.analyze("src/DateUtils.java", JAVA)),
                    FileSymbols.of("src/dates.py", "h2", chunker.analyze("src/dates.py", PYTHON)),
                    new FileSymbols("README.md", "h3", List.of(), List.of())), List.of());
        }
        index = SymbolIndex.load(location);
    }

    private List<String> found(SymbolLookup lookup) {
        return lookup.matches().stream().map(m -> m.match() + " " + m.symbol().kind() + " "
                + m.symbol().qualifiedName() + " " + m.symbol().filePath() + ":" + m.symbol().line()).toList();
    }

    @Test
    void exactMatchesComeFirstThenPrefixThenFuzzyEachTagged() {
        SymbolLookup lookup = index.find(SymbolQuery.of("parseDate", List.of(), List.of(), 20));

        assertThat(lookup.found()).isTrue();
        assertThat(found(lookup)).containsExactly(
                "exact method DateUtils.parseDate src/DateUtils.java:5",
                "exact method DateUtils.parseDate src/DateUtils.java:9",
                "prefix method DateUtils.parseDateStrictly src/DateUtils.java:13",
                "fuzzy function dates.parse_date src/dates.py:1");
    }

    @Test
    void qualifiedNamesMatchWholeOrByTheirTrailingParts() {
        assertThat(found(index.find(SymbolQuery.of("DateUtils.Parser.parse", List.of(), List.of(), 5))))
                .first().isEqualTo("exact method DateUtils.Parser.parse src/DateUtils.java:18");
        assertThat(found(index.find(SymbolQuery.of("parse_date.helper", List.of(), List.of(), 5))))
                .first().isEqualTo("exact function dates.parse_date.helper src/dates.py:2");
        assertThat(found(index.find(SymbolQuery.of("dates::DateParser#parse", List.of(), List.of(), 5))))
                .first().isEqualTo("exact method dates.DateParser.parse src/dates.py:8");
    }

    @Test
    void anUnknownNameGivesNearMatchesAndNothingNearIsAnError() {
        SymbolLookup near = index.find(SymbolQuery.of("parseDat", List.of("function"), List.of(), 20));
        assertThat(near.found()).isFalse();
        assertThat(found(near)).containsExactly("fuzzy function dates.parse_date src/dates.py:1");

        assertThatThrownBy(() -> index.find(SymbolQuery.of("zzzqqq", List.of(), List.of(), 20)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no symbol 'zzzqqq'");
    }

    @Test
    void kindLanguageAndLimitNarrowTheAnswerAndSayWhenItWasCut() {
        SymbolLookup classes = index.find(SymbolQuery.of("Date", List.of("class"), List.of("python"), 20));
        assertThat(found(classes)).containsExactly("prefix class dates.DateParser src/dates.py:7");

        SymbolLookup cut = index.find(SymbolQuery.of("parseDate", List.of(), List.of(), 2));
        assertThat(cut.matches()).hasSize(2);
        assertThat(cut.total()).isEqualTo(4);
        assertThat(cut.truncated()).isTrue();

        assertThatThrownBy(() -> SymbolQuery.of("x", List.of("widget"), List.of(), 5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("known: [function, method");
        assertThatThrownBy(() -> SymbolQuery.of("x", List.of(), List.of("markdown"), 5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown language 'markdown'");
        assertThatThrownBy(() -> SymbolQuery.of("x", List.of(), List.of(), 0))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void anOutlineNestsDefinitionsByTheirRanges() {
        FileOutline outline = index.outline("src/DateUtils.java");
        assertThat(outline.count()).isEqualTo(6);
        assertThat(outline.symbols()).hasSize(1);
        OutlineEntry type = outline.symbols().getFirst();
        assertThat(type.symbol().qualifiedName()).isEqualTo("DateUtils");
        assertThat(type.children()).extracting(e -> e.symbol().name())
                .containsExactly("parseDate", "parseDate", "parseDateStrictly", "Parser");
        assertThat(type.children().get(3).children()).extracting(e -> e.symbol().signature())
                .containsExactly("String parse()");

        // an absolute path inside the codebase and ./ are the same file; a nested function sits in its function
        FileOutline python = index.outline(repo.resolve("src/dates.py").toString());
        assertThat(python.symbols()).extracting(e -> e.symbol().name()).containsExactly("parse_date", "DateParser");
        assertThat(index.outline("./src/dates.py").symbols().getFirst().children())
                .extracting(e -> e.symbol().kind()).containsExactly(SymbolKind.FUNCTION);
        assertThat(index.outline("README.md").symbols()).isEmpty();
    }

    @Test
    void aFileThatIsNotIndexedIsRefusedWithHowToIndexIt() throws Exception {
        Files.writeString(repo.resolve("src/New.java"), "class New {}\n");
        assertThatThrownBy(() -> index.outline("src/New.java")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("src/New.java is not indexed").hasMessageContaining("code-indexer index " + repo);
        assertThatThrownBy(() -> index.outline("src/Missing.java")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> index.outline("../elsewhere.py")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside the codebase");
    }

    @Test
    void aCodebaseWithoutATableSaysWhatToRun() throws Exception {
        IndexLocation other = IndexLocation.of(home.resolve("other"), null, null,
                Map.of("CODE_INDEXER_HOME", home.toString()));
        assertThatThrownBy(() -> SymbolIndex.load(other)).isInstanceOf(IndexException.class)
                .hasMessageContaining("no index of").hasMessageContaining("code-indexer index");
        Files.createDirectories(other.dir());
        Files.writeString(other.manifestFile(), "");
        assertThatThrownBy(() -> SymbolIndex.load(other)).isInstanceOf(IndexException.class)
                .hasMessageContaining("built before definitions were kept");
    }

    @Test
    void everySymbolPassingTheFiltersIsListedByFileAndLine() {
        List<Symbol> methods = index.all(SymbolQuery.filters(List.of("method"), List.of()));
        assertThat(methods).extracting(Symbol::qualifiedName).containsExactly("DateUtils.parseDate",
                "DateUtils.parseDate", "DateUtils.parseDateStrictly", "DateUtils.Parser.parse", "dates.DateParser.parse");
    }
}
