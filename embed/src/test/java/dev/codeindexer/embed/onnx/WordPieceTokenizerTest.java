package dev.codeindexer.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.embed.EmbeddingConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java tokenizer against ids produced by the HuggingFace {@code tokenizers} package from the same
 * tokenizer.json (src/test/python/generate_tokenizer_cases.py): tricky code strings, seeded random Unicode and real
 * commons-lang3 source.
 */
class WordPieceTokenizerTest {
    private static WordPieceTokenizer tokenizer;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = WordPieceTokenizerTest.class.getClassLoader()
                .getResourceAsStream(OnnxModelSpec.BGE_SMALL_EN_V15_Q.tokenizerResource())) {
            tokenizer = WordPieceTokenizer.fromJson(in, "bge");
        }
        try (InputStream in = WordPieceTokenizerTest.class.getResourceAsStream("/tokenizer/bge-small-en-v1.5-q-cases.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void idsMatchHuggingFaceTokenizersForEveryCase() {
        List<String> mismatches = new ArrayList<>();
        JsonNode cases = expected.path("cases");
        assertThat(cases.size()).isGreaterThan(300);
        for (JsonNode c : cases) {
            String text = c.path("text").asText();
            int[] want = ids(c.path("ids"));
            int[] got = tokenizer.encode(text, 100_000);
            if (!Arrays.equals(want, got)) {
                mismatches.add(text.substring(0, Math.min(80, text.length())) + "\n   want " + Arrays.toString(want)
                        + "\n   got  " + Arrays.toString(got));
            }
        }
        assertThat(mismatches).as("texts tokenized differently from HuggingFace tokenizers").isEmpty();
    }

    @Test
    void countIsTheNumberOfIdsForEveryCaseAndForAsciiWithControlsSpecialsAndLongWords() {
        List<String> texts = new ArrayList<>();
        expected.path("cases").forEach(c -> texts.add(c.path("text").asText()));
        texts.addAll(List.of("", " ", "a", "getUserName()", "int[] a = new int[3]; // [CLS] x[SEP]y [MASK]",
                "ab\u0000cd\u0007ef\u007fgh\u000bij\u000ckl\tmn\r\nop", "x".repeat(99) + " " + "y".repeat(100) + " "
                        + "z".repeat(101) + " " + "w".repeat(250) + "!", "HTTPServer.handle_request(req) -> 42;",
                "caf\u00e9 na\u00efve \u65e5\u672c\u8a9e ok", "[UNK][PAD]", "a[", "[", "]]"));
        java.util.Random random = new java.util.Random(7);
        String alphabet = "abcXYZ09_ .,;:()[]{}<>\"'`~!@#$%^&*-+=/\\|?\t\n\r\u0000\u0001\u007f";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(200); k > 0; k--) {
                sb.append(random.nextInt(10) == 0 ? "[SEP]" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
            }
            texts.add(sb.toString());
        }
        for (int pass = 0; pass < 2; pass++) { // the second pass answers words from the count's cache
            for (String text : texts) {
                assertThat(tokenizer.count(text)).as("count of %s", text).isEqualTo(tokenizer.tokenize(text).length);
            }
        }
    }

    @Test
    void truncationKeepsTheHeadAndEndsWithSep() {
        JsonNode cases = expected.path("truncated");
        assertThat(cases.size()).isGreaterThan(10);
        for (JsonNode c : cases) {
            int[] got = tokenizer.encode(c.path("text").asText(), c.path("maxTokens").asInt());
            assertThat(got).as(c.path("text").asText()).containsExactly(ids(c.path("ids")));
        }
    }

    @Test
    void countIsTheNumberOfTextTokensWithoutSpecials() {
        for (JsonNode c : expected.path("cases")) {
            assertThat(tokenizer.count(c.path("text").asText())).isEqualTo(c.path("ids").size() - 2);
        }
    }

    @Test
    void hugeInputIsTruncatedToTheSameHeadAsFullTokenization() {
        String text = "public int add(int a, int b) { return a + b; }\n".repeat(20_000);
        int[] full = tokenizer.tokenize(text);
        int[] head = tokenizer.encode(text, 512);
        assertThat(head).hasSize(512);
        assertThat(head[0]).isEqualTo(101);
        assertThat(head[511]).isEqualTo(102);
        assertThat(Arrays.copyOfRange(head, 1, 511)).containsExactly(Arrays.copyOf(full, 510));
    }

    @Test
    void specialTokenWrittenInTextIsRecognisedButLowerCaseIsNot() {
        assertThat(tokenizer.tokenize("a [SEP] b")).containsExactly(1037, 102, 1038);
        assertThat(tokenizer.tokenize("[sep]")).doesNotContain(102);
    }

    @Test
    void rejectsTokenizerJsonOfAnotherKind() {
        String bpe = "{\"model\":{\"type\":\"BPE\",\"vocab\":{}},\"normalizer\":null,\"pre_tokenizer\":null}";
        assertThatThrownBy(() -> WordPieceTokenizer.fromJson(
                new ByteArrayInputStream(bpe.getBytes(StandardCharsets.UTF_8)), "gpt.json"))
                .isInstanceOf(EmbeddingConfigException.class)
                .hasMessageContaining("gpt.json is not a BERT WordPiece tokenizer");
    }

    private static int[] ids(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
