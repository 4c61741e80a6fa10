package dev.codeindexer.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.embed.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java pipeline (tokenizer, ONNX Runtime, pooling, normalization) against vectors computed by the Python
 * reference pipeline on the same model files (src/test/python/generate_reference_vectors.py).
 */
class OnnxEmbeddingModelTest {
    private static OnnxEmbeddingModel bge;
    private static OnnxEmbeddingModel minilm;
    private static JsonNode reference;

    @BeforeAll
    static void open() throws IOException {
        // The reference vectors were made with BGE's retrieval instruction before each query.
        bge = OnnxEmbeddingModel.open(OnnxModelSpec.BGE_SMALL_EN_V15_Q.withPrefixes(OnnxModelSpec.BGE_QUERY_INSTRUCTION,
                null), 2, 8);
        minilm = OnnxEmbeddingModel.open(OnnxModelSpec.ALL_MINILM_L6_V2_Q, 2, 8);
        try (InputStream in = OnnxEmbeddingModelTest.class.getResourceAsStream("/onnx/reference-vectors.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @AfterAll
    static void close() {
        bge.close();
        minilm.close();
    }

    /**
     * How close the Java pipeline's vectors must be to reference vectors made on another machine. The models are
     * dynamically quantized: activations are rounded to 8 bits before each matrix product, and ONNX Runtime picks
     * its integer kernel by CPU (AVX2's pairwise 16-bit multiply-add saturates where AVX-512 VNNI accumulates in 32
     * bits), so one model file gives slightly different vectors on different CPUs. Measured with the same runtime
     * (1.23.2) on an AMD EPYC with AVX2 only: cosine to the reference down to 0.99888 (bge, the 1,300-token text),
     * against 1.0000 on the machine that made it. Swapping CLS and mean pooling costs 0.03 to 0.6 on these texts, so
     * 0.995 still catches pooling and normalization mistakes on any kernel; one word piece more or less can cost as
     * little as 0.001 on a long text, which is why token ids are compared exactly in {@link WordPieceTokenizerTest}
     * and not here.
     */
    private static final float KERNEL_TOLERANT_COSINE = 0.995f;

    @Test
    void documentAndQueryVectorsMatchThePythonReferenceOneTextAtATime() {
        for (OnnxEmbeddingModel model : List.of(bge, minilm)) {
            JsonNode expected = reference.path("models").path(model.modelId().substring("onnx:".length()));
            JsonNode texts = reference.path("texts");
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i).asText();
                float[] doc = model.embedDocuments(List.of(text)).getFirst();
                float[] query = model.embedQuery(text);
                assertThat(Vectors.dot(doc, floats(expected.path("documents").get(i))))
                        .as(model.modelId() + " document " + i).isGreaterThan(KERNEL_TOLERANT_COSINE);
                assertThat(Vectors.dot(query, floats(expected.path("queries").get(i))))
                        .as(model.modelId() + " query " + i).isGreaterThan(KERNEL_TOLERANT_COSINE);
            }
        }
    }

    @Test
    void eachTextsVectorIsNearestToItsOwnReferenceOnAnyKernel() {
        for (OnnxEmbeddingModel model : List.of(bge, minilm)) {
            JsonNode expected = reference.path("models").path(model.modelId().substring("onnx:".length())).path("documents");
            JsonNode texts = reference.path("texts");
            for (int i = 0; i < texts.size(); i++) {
                float[] doc = model.embedDocuments(List.of(texts.get(i).asText())).getFirst();
                float own = Vectors.dot(doc, floats(expected.get(i)));
                for (int j = 0; j < texts.size(); j++) {
                    if (j != i) {
                        assertThat(Vectors.dot(doc, floats(expected.get(j))))
                                .as(model.modelId() + " text " + i + " against the reference of text " + j)
                                .isLessThan(own - 0.01f);
                    }
                }
            }
        }
    }

    @Test
    void aQueryPrefixChangesQueryVectorsOnlyAndTheDefaultBgeHasNone() throws IOException {
        String text = reference.path("texts").get(1).asText();
        float[] doc = bge.embedDocuments(List.of(text)).getFirst();
        float[] query = bge.embedQuery(text);
        assertThat(Vectors.dot(doc, query)).isLessThan(0.99f);
        float[] plain = minilm.embedDocuments(List.of(text)).getFirst();
        assertThat(Vectors.dot(plain, minilm.embedQuery(text))).isGreaterThan(0.9999f);
        try (OnnxEmbeddingModel bare = OnnxEmbeddingModel.open(OnnxModelSpec.BGE_SMALL_EN_V15_Q, 2, 8)) {
            assertThat(Vectors.dot(bare.embedQuery(text), doc)).isGreaterThan(0.9999f);
            assertThat(bare.modelId()).isEqualTo(bge.modelId());
        }
    }

    @Test
    void batchedTextsOfMixedLengthsComeBackInInputOrder() {
        List<String> texts = List.of(
                "public static String reverse(String s) { return new StringBuilder(s).reverse().toString(); }",
                "x",
                "Opens a socket to the server and retries the connection with exponential backoff until it succeeds"
                        + " or the deadline passes; every failure is logged with the remote address.",
                "SELECT name, email FROM users WHERE id = ?",
                "private final Map<String, List<Integer>> index = new ConcurrentHashMap<>();",
                "The quick brown fox jumps over the lazy dog",
                "for (int i = 0; i < n; i++) { for (int j = 0; j < m; j++) { grid[i][j] = i * j; } }",
                "throw new IllegalArgumentException(\"negative size: \" + size);",
                "@Test void parsesDates() { assertEquals(LocalDate.of(2020, 1, 2), parse(\"2020-01-02\")); }",
                "import java.util.concurrent.atomic.AtomicLong;",
                "Computes the SHA-256 digest of a file in chunks of 8 KiB.");
        List<float[]> batched = bge.embedDocuments(texts);
        List<float[]> alone = texts.stream().map(t -> bge.embedDocuments(List.of(t)).getFirst()).toList();
        assertThat(batched).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batched.get(i)).hasSize(384);
            // Padded batches share dynamic int8 quantization ranges, so vectors agree up to a little noise.
            assertThat(Vectors.dot(batched.get(i), alone.get(i))).as("text " + i).isGreaterThan(0.98f);
            for (int j = 0; j < texts.size(); j++) {
                if (j != i) {
                    assertThat(Vectors.dot(batched.get(i), alone.get(j))).as("text " + i + " vs " + j)
                            .isLessThan(Vectors.dot(batched.get(i), alone.get(i)));
                }
            }
        }
    }

    @Test
    void vectorsAreUnitLength() {
        for (float[] v : minilm.embedDocuments(List.of("a", "public void run() {}", "日本語"))) {
            assertThat(Vectors.dot(v, v)).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void textBeyondTheLimitIsTruncatedNotRejected() {
        String huge = "return a.equals(b) && c.hashCode() == d;\n".repeat(5_000);
        assertThat(bge.countTokens(huge)).isGreaterThan(bge.maxInputTokens());
        String head = huge.substring(0, 4_000);
        assertThat(Vectors.dot(bge.embedDocuments(List.of(huge)).getFirst(),
                bge.embedDocuments(List.of(head)).getFirst())).isGreaterThan(0.9999f);
    }

    @Test
    void identityLimitsAndTokenCountsDescribeTheModel() {
        assertThat(bge.modelId()).isEqualTo("onnx:bge-small-en-v1.5-q");
        assertThat(minilm.modelId()).isEqualTo("onnx:all-minilm-l6-v2-q");
        assertThat(bge.dimension()).isEqualTo(384);
        assertThat(bge.maxInputTokens()).isEqualTo(510);
        assertThat(minilm.maxInputTokens()).isEqualTo(254);
        assertThat(bge.countTokens("getUserName()")).isEqualTo(5); // get ##user ##name ( )
        assertThat(bge.countTokens("")).isZero();
        assertThat(bge.embedDocuments(List.of())).isEmpty();
    }

    @Test
    void concurrentCallersGetTheSameVectorsAsASingleCaller() throws Exception {
        List<String> texts = List.of("class A {}", "interface B extends C {}", "enum D { X, Y }");
        List<float[]> expected = bge.embedDocuments(texts);
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> bge.embedDocuments(texts)));
            }
            for (Future<List<float[]>> f : results) {
                List<float[]> got = f.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(got.get(i)).containsExactly(expected.get(i));
                }
            }
        }
    }

    @Test
    void theSessionStartsWithTheFirstEmbeddingNotForIdsDimensionsOrTokenCounts() {
        try (OnnxEmbeddingModel model = OnnxEmbeddingModel.open(OnnxModelSpec.BGE_SMALL_EN_V15_Q, 1, 4)) {
            assertThat(model.modelId()).isEqualTo(bge.modelId());
            assertThat(model.dimension()).isEqualTo(384);
            assertThat(model.countTokens("getUserName()")).isEqualTo(5);
            assertThat(model.sessionStarted()).isFalse();
            float[] v = model.embedDocuments(List.of("class A {}")).getFirst();
            assertThat(model.sessionStarted()).isTrue();
            assertThat(v).containsExactly(bge.embedDocuments(List.of("class A {}")).getFirst());
        }
        try (OnnxEmbeddingModel prepared = OnnxEmbeddingModel.open(OnnxModelSpec.BGE_SMALL_EN_V15_Q, 1, 4)) {
            prepared.prepare();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!prepared.sessionStarted() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(prepared.sessionStarted()).as("started in the background").isTrue();
            assertThat(prepared.embedDocuments(List.of("class A {}")).getFirst())
                    .containsExactly(bge.embedDocuments(List.of("class A {}")).getFirst());
        }
        OnnxEmbeddingModel neverStarted = OnnxEmbeddingModel.open(OnnxModelSpec.BGE_SMALL_EN_V15_Q, 1, 4);
        neverStarted.close();
        assertThatThrownBy(() -> neverStarted.embedQueries(List.of("a"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(neverStarted.sessionStarted()).isFalse();
    }

    @Test
    void nullTextsAreRejectedAndAClosedModelRefusesWork() {
        assertThatThrownBy(() -> bge.embedDocuments(java.util.Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class);
        OnnxEmbeddingModel model = OnnxEmbeddingModel.open(OnnxModelSpec.ALL_MINILM_L6_V2_Q, 1, 4);
        model.close();
        model.close();
        assertThatThrownBy(() -> model.embedDocuments(List.of("a"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aMissingModelArtifactIsNamedInTheError() {
        OnnxModelSpec absent = new OnnxModelSpec("nope", "com.example:nope-model", "nope.onnx",
                OnnxModelSpec.BGE_SMALL_EN_V15_Q.tokenizerResource(), Pooling.CLS, "", "", 512, 384);
        assertThatThrownBy(() -> OnnxEmbeddingModel.open(absent, 1, 1))
                .isInstanceOf(dev.codeindexer.embed.EmbeddingConfigException.class)
                .hasMessageContaining("nope.onnx").hasMessageContaining("com.example:nope-model");
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
