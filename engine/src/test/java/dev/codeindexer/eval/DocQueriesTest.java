package dev.codeindexer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.EntityType;
import dev.codeindexer.chunk.Language;
import dev.codeindexer.search.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocQueriesTest {
    @Test
    void theFirstSentenceLosesCommentMarkersTagsAndMarkup() {
        assertThat(DocQueries.firstSentence("""
                /**
                 * <p>Checks if a CharSequence is empty ("") or null, e.g. for {@code input}.</p>
                 * More text here.
                 * @param cs the CharSequence to check
                 */""")).isEqualTo("Checks if a CharSequence is empty (\"\") or null, e.g. for input.");
        assertThat(DocQueries.firstSentence("\"\"\"Parse an RFC 1123 date. Returns a datetime.\"\"\""))
                .isEqualTo("Parse an RFC 1123 date.");
        assertThat(DocQueries.firstSentence("// Serve accepts connections until the listener closes"))
                .isEqualTo("Serve accepts connections until the listener closes");
        assertThat(DocQueries.firstSentence("/** Returns the {@link Foo#bar} value. */")).isEqualTo("Returns the Foo#bar value.");
    }

    private static Chunk chunk(EntityType type, String doc, String body) {
        return new Chunk("src/A.java", Language.JAVA, type, "A.run", "A", 10, 20, 10, 20, doc + "\n" + body, doc, "id1");
    }

    @Test
    void documentedCallablesBecomeQueriesAndShortDocsAreLeftOut() {
        List<EvalQuery> q = DocQueries.from("c", List.of(
                chunk(EntityType.METHOD, "/** Runs the job until it finishes. */", "void run() {}"),
                chunk(EntityType.METHOD, "/** Runs. */", "void run() {}"),
                chunk(EntityType.CLASS, "/** A class with a long enough doc. */", "class A {}"),
                chunk(EntityType.FUNCTION, "", "def f(): pass")), 0, 1);
        assertThat(q).extracting(EvalQuery::query).containsExactly("Runs the job until it finishes.");
        assertThat(q.getFirst().filePath()).isEqualTo("src/A.java");
    }

    @Test
    void theIndexedChunkLosesItsDoc() {
        Chunk c = chunk(EntityType.METHOD, "/** Runs the job. */", "void run() {}");
        Chunk stripped = DocQueries.withoutDoc(c);
        assertThat(stripped.content()).doesNotContain("Runs the job").contains("void run()");
        assertThat(stripped.doc()).isEmpty();
        assertThat(stripped.chunkId()).isEqualTo(c.chunkId());
    }

    @Test
    void aLongMethodWhoseDocIsCutStillGivesItsQueryAndLosesTheDocItKept() {
        String body = java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> "        total += compute(i, \"value" + i + "\", offset + " + i + ");")
                .collect(java.util.stream.Collectors.joining("\n"));
        String examples = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> "     * Text.shorten(\"abcdefghij\", " + i + ") = \"abc...\"")
                .collect(java.util.stream.Collectors.joining("\n"));
        String source = "class Text {\n    /**\n     * Shortens a string with a marker.\n     *\n     * <pre>\n"
                + examples + "\n     * </pre>\n     */\n    String shorten(String s, int n) {\n" + body + "\n    }\n}\n";
        List<Chunk> chunks;
        try (dev.codeindexer.chunk.Chunker chunker = dev.codeindexer.chunk.Chunker.create()) {
            chunks = chunker.chunk("Text.java", source);
        }
        List<EvalQuery> q = DocQueries.from("c", chunks, 0, 1);
        assertThat(q).extracting(EvalQuery::query).containsExactly("Shortens a string with a marker.");
        assertThat(chunks).filteredOn(c -> c.entityId().equals("Text.shorten")).map(DocQueries::withoutDoc)
                .allSatisfy(c -> assertThat(c.content()).doesNotContain("Shortens").doesNotContain("Text.shorten(\""));
    }

    @Test
    void ranksCountOverlappingHitsInTheSameFile() {
        EvalQuery q = new EvalQuery("q", "c", "java", "src/A.java", "A.run", 10, 20);
        SearchHit other = new SearchHit("src/B.java", 10, 20, 10, 20, "java", "method", "B.run", 1f, "x", "", null);
        SearchHit window = new SearchHit("src/A.java", 15, 30, 15, 30, "java", "method", "A.run", 1f, "y", "", null);
        SearchHit elsewhere = new SearchHit("src/A.java", 40, 50, 40, 50, "java", "method", "A.stop", 1f, "z", "", null);
        assertThat(Evaluation.rank(q, List.of(other, elsewhere, window))).isEqualTo(3);
        assertThat(Evaluation.rank(q, List.of(other, elsewhere))).isZero();
        Metrics m = new Metrics();
        m.add(1);
        m.add(2);
        m.add(0);
        m.add(11);
        assertThat(m.mrr10()).isEqualTo((1 + 0.5) / 4);
        assertThat(m.hit1()).isEqualTo(0.25);
        assertThat(m.hit10()).isEqualTo(0.5);
        assertThat(m.ndcg10()).isCloseTo((1 + 1 / (Math.log(3) / Math.log(2))) / 4, org.assertj.core.api.Assertions.within(1e-9));
    }
}
