package dev.codeindexer.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.error.CallerError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hugging Face tokenizers library through DJL against ids the Python {@code tokenizers} package (0.23.3) gave
 * for the same files, printed by src/test/python/generate_native_tokenizer_cases.py: a WordPiece tokenizer (E5's),
 * a byte-level BPE and a Unigram one (both tiny, made by that script).
 */
class NativeTokenizerTest {
    static final String SAMPLE = "def parseJSON2Map(raw: str) -> dict:  # café naïve, 変数 😀 [SEP] HTTPServer";
    /** E5's WordPiece: the CJK characters and the emoji are [UNK] (100); "[SEP]" in the text is the special token. */
    static final int[] E5_SAMPLE_IDS = {101, 13366, 11968, 3366, 22578, 2239, 2475, 2863, 2361, 1006, 6315, 1024,
            2358, 2099, 1007, 1011, 1028, 4487, 6593, 1024, 1001, 7668, 15743, 1010, 100, 100, 100, 102, 16770, 2121,
            6299, 102};
    static final int[] E5_QUERY_IDS = {101, 23032, 1024, 2129, 2000, 11968, 3366, 1046, 3385, 102};
    private static final int[] BPE_SAMPLE_IDS = {0, 388, 384, 319, 20, 287, 10, 267, 28, 271, 269, 11, 223, 15, 32,
            223, 70, 75, 328, 28, 223, 223, 5, 302, 72, 130, 105, 223, 80, 67, 130, 110, 351, 14, 223, 164, 100, 234,
            165, 246, 111, 223, 175, 256, 249, 225, 223, 61, 53, 39, 50, 63, 393, 1};
    private static final int[] UNIGRAM_SAMPLE_IDS = {0, 3, 68, 14, 25, 44, 2, 81, 55, 31, 3, 56, 8, 12, 3, 2, 59, 3,
            48, 11, 54, 31, 3, 3, 2, 37, 14, 2, 3, 6, 10, 2, 66, 22, 3, 2, 3, 2, 3, 2, 5, 7, 21, 2, 69, 4, 4, 21, 39,
            1};

    @TempDir
    Path dir;

    @Test
    void wordPieceIdsMatchThePythonLibrary() {
        try (NativeTokenizer t = NativeTokenizer.open(e5Tokenizer(), 512)) {
            assertThat(t.encode(SAMPLE)).containsExactly(E5_SAMPLE_IDS);
            assertThat(t.encode("query: how to parse json")).containsExactly(E5_QUERY_IDS);
            assertThat(t.count(SAMPLE)).isEqualTo(E5_SAMPLE_IDS.length - 2);
            assertThat(t.specialTokens()).isEqualTo(2);
        }
    }

    @Test
    void byteLevelBpeAndUnigramTokenizersWorkToo() throws IOException {
        for (var c : List.of(new Object[] {"tiny-bpe.json", BPE_SAMPLE_IDS}, new Object[] {"tiny-unigram.json",
                UNIGRAM_SAMPLE_IDS})) {
            Path file = dir.resolve((String) c[0]);
            try (InputStream in = getClass().getResourceAsStream("/tokenizer/" + c[0])) {
                Files.copy(in, file);
            }
            int[] want = (int[]) c[1];
            try (NativeTokenizer t = NativeTokenizer.open(file, 512)) {
                assertThat(t.encode(SAMPLE)).as((String) c[0]).containsExactly(want);
                assertThat(t.count(SAMPLE)).as((String) c[0]).isEqualTo(want.length - 2);
                assertThat(t.specialTokens()).isEqualTo(2);
            }
        }
    }

    @Test
    void aLongTextKeepsItsHeadAndEndsWithItsClosingSpecialToken() {
        String huge = "return a.equals(b) && c.hashCode() == d;\n".repeat(2_000);
        try (NativeTokenizer t = NativeTokenizer.open(e5Tokenizer(), 128)) {
            int[] ids = t.encode(huge);
            assertThat(ids).hasSize(128);
            assertThat(ids[0]).isEqualTo(101);
            assertThat(ids[127]).isEqualTo(102);
            assertThat(Arrays.copyOfRange(ids, 1, 20)).containsExactly(
                    Arrays.copyOfRange(t.encode(huge.substring(0, 200)), 1, 20));
            assertThat(t.count(huge)).isGreaterThan(20_000);
        }
    }

    /**
     * Whether the built-in models could move to this tokenizer for free: it gives the reference ids for every case
     * WordPieceTokenizerTest checks the hand-written tokenizer against.
     */
    @Test
    void givesTheReferenceIdsOfEveryBuiltInTokenizerCase() throws IOException {
        Path bge = dir.resolve("bge-tokenizer.json");
        ModelFiles.copyResource(OnnxModelSpec.BGE_SMALL_EN_V15_Q.tokenizerResource(), bge);
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/tokenizer/bge-small-en-v1.5-q-cases.json")) {
            cases = new ObjectMapper().readTree(in).path("cases");
        }
        List<String> mismatches = new ArrayList<>();
        try (NativeTokenizer t = NativeTokenizer.open(bge, 100_000)) {
            for (JsonNode c : cases) {
                int[] want = new int[c.path("ids").size()];
                for (int i = 0; i < want.length; i++) {
                    want[i] = c.path("ids").get(i).asInt();
                }
                if (!Arrays.equals(want, t.encode(c.path("text").asText()))) {
                    mismatches.add(c.path("text").asText());
                }
            }
        }
        assertThat(cases.size()).isGreaterThan(300);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void aFileThatIsNoTokenizerIsNamedAsTheCallersToFix() throws IOException {
        Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"Nonsense\"}}");
        assertThatThrownBy(() -> NativeTokenizer.open(bad, 512))
                .isInstanceOf(EmbeddingConfigException.class).isInstanceOf(CallerError.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("not a Hugging Face tokenizer.json");
        assertThatThrownBy(() -> NativeTokenizer.open(dir.resolve("absent.json"), 512))
                .isInstanceOf(EmbeddingConfigException.class).hasMessageContaining("absent.json");
    }

    private Path e5Tokenizer() {
        Path file = dir.resolve("e5-tokenizer.json");
        if (!Files.exists(file)) {
            ModelFiles.copyResource("e5-small-v2-q-tokenizer.json", file);
        }
        return file;
    }
}
