package dev.codeindexer.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.store.FieldType;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a window of a long entity gives the model and the lexical index. */
class ChunkRowsTest {

    private static final String SIGNATURE = "public static String abbreviate(final String str, int offset, final int maxWidth) {";

    /** A documented method far over the budget, whose later lines never name it. */
    private static String longMethod() {
        String body = IntStream.range(0, 120)
                .mapToObj(i -> "        total += compute(i, \"value" + i + "\", offset + " + i + ");")
                .collect(Collectors.joining("\n"));
        return "package demo;\n\npublic class Text {\n    /**\n     * Shortens a string with a marker.\n     *\n"
                + "     * @param str the text\n     */\n    " + SIGNATURE + "\n" + body + "\n        return str;\n    }\n}\n";
    }

    @Test
    void everyWindowCarriesTheQualifiedNameAndSignatureInWhatIsEmbeddedAndWhatIsMatched() {
        List<Chunk> windows;
        try (Chunker chunker = Chunker.create()) {
            windows = chunker.chunk("src/demo/Text.java", longMethod()).stream()
                    .filter(c -> c.entityId().equals("Text.abbreviate")).toList();
        }
        assertThat(windows).hasSizeGreaterThan(2);
        for (Chunk w : windows.subList(1, windows.size())) {
            String embedded = ChunkRows.embeddingText(w);
            assertThat(embedded).contains("Text.abbreviate").contains(SIGNATURE);
            // CONTENT is a full-text field: BM25 matches the header line with the code.
            Map<String, Object> row = ChunkRows.metadata(w, w.chunkId(), 0L, true);
            assertThat(ChunkSchema.FIELDS.get(ChunkSchema.CONTENT)).isEqualTo(FieldType.TEXT);
            assertThat((String) row.get(ChunkSchema.CONTENT)).contains("Text.abbreviate").contains(SIGNATURE);
            assertThat((String) row.get(ChunkSchema.HEADER)).contains("Text.abbreviate");
            assertThat(w.content()).doesNotContain("Shortens a string");
        }
    }
}
