package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text without a grammar: Markdown by headings, the rest as one chunk or overlapping windows. */
class TextChunkerTest {

    private static Chunker chunker;

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    @Test
    void markdownIsCutIntoSectionsByHeadingWithTheirPath() {
        String source = """
                Intro text before any heading.

                # Guide

                Welcome.

                ## Install

                Run it.

                ```sh
                # not a heading: inside a fence
                make install
                ```

                ### Linux
                Use apt.

                ## Usage ##
                Call it.
                # Appendix
                The end.
                """;
        List<Chunk> chunks = chunker.chunk("docs/guide.md", source);

        assertThat(chunks).extracting(Samples::describe).containsExactly(
                "file docs/guide.md 1-1",
                "section Guide 3-5",
                "section Guide > Install 7-14 <Guide",
                "section Guide > Install > Linux 16-17 <Guide > Install",
                "section Guide > Usage 19-20 <Guide",
                "section Appendix 21-22");
        assertThat(Samples.find(chunks, "Guide > Install").content()).contains("# not a heading: inside a fence");
        assertThat(chunks).allSatisfy(c -> assertThat(c.language()).isEqualTo(Language.MARKDOWN));
    }

    @Test
    void aHeadingDirectlyFollowedByAnotherIsNoSectionOfItsOwn() {
        List<Chunk> chunks = chunker.chunk("a.md", "# Title\n## Part\ntext\n");

        assertThat(chunks).extracting(Samples::describe).containsExactly("section Title > Part 2-3 <Title");
    }

    @Test
    void smallTextFileIsOneFileChunk() {
        String yaml = "name: ci\non:\n  push: {}\n";
        List<Chunk> chunks = chunker.chunk(".github/workflows/ci.yml", yaml);

        assertThat(chunks).extracting(Samples::describe).containsExactly("file .github/workflows/ci.yml 1-3");
        assertThat(chunks.getFirst().language()).isEqualTo(Language.YAML);
        assertThat(chunks.getFirst().content()).isEqualTo(yaml.stripTrailing());
    }

    @Test
    void largeTextFileBecomesOverlappingWindowsCutAtBlankLines() {
        String sql = IntStream.range(0, 60)
                .mapToObj(i -> "CREATE TABLE t" + i + " (\n  id BIGINT PRIMARY KEY,\n  name TEXT NOT NULL\n);\n")
                .collect(Collectors.joining("\n"));
        List<Chunk> chunks = chunker.chunk("schema.sql", sql);
        String[] lines = sql.split("\n", -1);

        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> {
            assertThat(c.entityType()).isEqualTo(EntityType.WINDOW);
            assertThat(c.entityId()).isEqualTo("schema.sql");
            assertThat(c.content()).startsWith("schema.sql\n");
            // A window of a file is its own hit: its range is not the whole file's.
            assertThat(List.of(c.entityStartLine(), c.entityEndLine())).containsExactly(c.startLine(), c.endLine());
        });
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).startLine()).isLessThanOrEqualTo(chunks.get(i - 1).endLine() + 1);
            assertThat(lines[chunks.get(i - 1).endLine()]).isBlank();
        }
        assertThat(chunks.getFirst().startLine()).isEqualTo(1);
        assertThat(chunks.getLast().endLine()).isEqualTo(lines.length - 1);
    }
}
