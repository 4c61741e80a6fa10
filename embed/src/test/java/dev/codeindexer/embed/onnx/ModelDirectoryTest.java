package dev.codeindexer.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.EmbeddingModels;
import dev.codeindexer.embed.Vectors;
import dev.codeindexer.embed.cache.CachingEmbeddingModel;
import dev.codeindexer.error.CallerError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models brought in a directory, with real files: e5-small-v2 int8 (mean pooling, "query: "/"passage: ") and
 * bge-small-en-v1.5 fp32 (CLS pooling, a query instruction), unpacked from their jars as a user would lay them out.
 * Vectors are compared by rank, never as exact floats: int8 kernels differ by CPU (AVX2, AVX-512, VNNI).
 */
class ModelDirectoryTest {
    private static final List<String> DOCUMENTS = List.of(
            "def read_csv(path):\n    with open(path) as f:\n        return [line.split(',') for line in f]",
            "public void sendEmail(String to, String subject, String body) { smtp.send(new Message(to, subject, body)); }",
            "function debounce(fn, ms) { let t; return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); }; }",
            "SELECT customer_id, SUM(amount) FROM orders GROUP BY customer_id ORDER BY 2 DESC LIMIT 10");
    private static final List<String> QUERIES = List.of(
            "parse a comma separated file into rows",
            "send an e-mail message to a recipient",
            "delay calling a function until input stops",
            "top ten customers by total order amount");

    @TempDir
    static Path root;
    private static Path e5Dir;
    private static Path bgeDir;
    private static OnnxEmbeddingModel e5;
    private static OnnxEmbeddingModel bge;

    @TempDir
    Path dir;

    @BeforeAll
    static void unpack() throws IOException {
        e5Dir = ModelFiles.e5(Files.createDirectories(root.resolve("e5-small-v2")));
        bgeDir = ModelFiles.bge(Files.createDirectories(root.resolve("bge-small-en-v1.5")));
        e5 = ModelDirectory.open(e5Dir, null, null, 2, 8);
        bge = ModelDirectory.open(bgeDir, null, null, 2, 8);
    }

    @AfterAll
    static void close() {
        e5.close();
        bge.close();
    }

    @Test
    void loadsWithTheDimensionAndLimitDetectedAndAContentHashedId() {
        for (OnnxEmbeddingModel model : List.of(e5, bge)) {
            assertThat(model.dimension()).isEqualTo(384);
            // Neither tokenizer.json states a limit and there is no tokenizer_config.json: 512 with [CLS] and [SEP].
            assertThat(model.maxInputTokens()).isEqualTo(510);
            assertThat(model.embedDocuments(List.of("x")).getFirst()).hasSize(384);
        }
        assertThat(e5.modelId()).matches("onnx:dir:e5-small-v2@sha256:[0-9a-f]{12}");
        assertThat(bge.modelId()).matches("onnx:dir:bge-small-en-v1.5@sha256:[0-9a-f]{12}");
    }

    @Test
    void eachQueryIsNearestToItsOwnDocument() {
        for (OnnxEmbeddingModel model : List.of(e5, bge)) {
            List<float[]> docs = model.embedDocuments(DOCUMENTS);
            List<float[]> queries = model.embedQueries(QUERIES);
            for (int q = 0; q < QUERIES.size(); q++) {
                int best = 0;
                for (int d = 1; d < docs.size(); d++) {
                    if (Vectors.dot(queries.get(q), docs.get(d)) > Vectors.dot(queries.get(q), docs.get(best))) {
                        best = d;
                    }
                }
                assertThat(best).as(model.modelId() + ": nearest document to '" + QUERIES.get(q) + "'").isEqualTo(q);
            }
        }
    }

    @Test
    void tokenIdsAreThoseOfThePythonLibraryWithThePrefixCounted() {
        assertThat(e5.tokenizer().encode(NativeTokenizerTest.SAMPLE)).containsExactly(NativeTokenizerTest.E5_SAMPLE_IDS);
        assertThat(e5.tokenizer().encode("query: how to parse json")).containsExactly(NativeTokenizerTest.E5_QUERY_IDS);
        // "passage: " is two tokens (passage, :), and documents are what chunks are sized for.
        assertThat(e5.countTokens("how to parse json")).isEqualTo(2 + 6);
        assertThat(bge.countTokens("how to parse json")).isEqualTo(6);
    }

    @Test
    void thePrefixesOfTheConfigFileApplyAndTheMainConfigOverridesThem() {
        String text = "read a file line by line";
        assertThat(Vectors.dot(e5.embedQuery(text), e5.embedDocuments(List.of(text)).getFirst())).isLessThan(0.99f);
        try (OnnxEmbeddingModel bare = ModelDirectory.open(e5Dir, "", "", 1, 4)) {
            assertThat(Vectors.dot(bare.embedQuery(text), bare.embedDocuments(List.of(text)).getFirst()))
                    .isGreaterThan(0.9999f);
            // Documents embedded differently are another model to the cache and the index; queries are not.
            assertThat(bare.modelId()).startsWith(e5.modelId() + "#doc-prefix-");
        }
        try (OnnxEmbeddingModel otherQueries = ModelDirectory.open(e5Dir, "", null, 1, 4)) {
            assertThat(otherQueries.modelId()).isEqualTo(e5.modelId());
        }
    }

    /** The same weights as the built-in int8 bge: CLS pooling must be what the directory's config makes it use. */
    @Test
    void theFp32BgeAgreesWithTheBuiltInInt8One() {
        try (OnnxEmbeddingModel builtIn = OnnxEmbeddingModel.open(OnnxModelSpec.BGE_SMALL_EN_V15_Q, 2, 8)) {
            List<float[]> ours = bge.embedDocuments(DOCUMENTS);
            List<float[]> theirs = builtIn.embedDocuments(DOCUMENTS);
            for (int i = 0; i < DOCUMENTS.size(); i++) {
                assertThat(Vectors.dot(ours.get(i), theirs.get(i))).as("document " + i).isGreaterThan(0.95f);
            }
        }
    }

    @Test
    void theIdFollowsTheContentOfEveryFileAndTheDocumentSettingsOnly() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("m"));
        for (String f : List.of(ModelDirectory.MODEL_FILE, ModelDirectory.TOKENIZER_FILE, ModelDirectory.CONFIG_FILE)) {
            Files.copy(e5Dir.resolve(f), copy.resolve(f));
        }
        String base = id(copy);
        assertThat(base).as("named by its directory").startsWith("onnx:dir:m@sha256:");

        Files.setLastModifiedTime(copy.resolve(ModelDirectory.MODEL_FILE), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertThat(id(copy)).as("a new timestamp on the same bytes").isEqualTo(base);

        Files.writeString(copy.resolve(ModelDirectory.CONFIG_FILE), """
                {"pooling": "mean", "query_prefix": "search: ", "document_prefix": "passage: "}
                """);
        assertThat(id(copy)).as("another query prefix leaves stored vectors as they are").isEqualTo(base);

        Files.writeString(copy.resolve(ModelDirectory.CONFIG_FILE), """
                {"pooling": "cls", "query_prefix": "query: ", "document_prefix": "passage: "}
                """);
        String pooled = id(copy);
        assertThat(pooled).isNotEqualTo(base);
        Files.writeString(copy.resolve(ModelDirectory.CONFIG_FILE), ModelFiles.E5_CONFIG);
        assertThat(id(copy)).isEqualTo(base);

        Files.writeString(copy.resolve(ModelDirectory.TOKENIZER_FILE), " ", StandardOpenOption.APPEND);
        String tokenizerChanged = id(copy);
        assertThat(tokenizerChanged).isNotEqualTo(base);

        byte[] model = Files.readAllBytes(copy.resolve(ModelDirectory.MODEL_FILE));
        model[model.length / 2] ^= 1;
        Files.write(copy.resolve(ModelDirectory.MODEL_FILE), model);
        assertThat(id(copy)).as("one bit of the weights").isNotEqualTo(tokenizerChanged);

        Files.writeString(copy.resolve("model.onnx_data"), "external weights");
        assertThat(id(copy)).as("external weights beside model.onnx").isNotEqualTo(tokenizerChanged);
    }

    @Test
    void theTokenLimitComesFromTheConfigElseTheTokenizersFilesElse512() throws IOException {
        Path m = Files.createDirectories(dir.resolve("limits"));
        Path tokenizer = m.resolve(ModelDirectory.TOKENIZER_FILE);
        String json = Files.readString(e5Dir.resolve(ModelDirectory.TOKENIZER_FILE));
        Files.writeString(tokenizer, json);
        assertThat(ModelDirectory.detectMaxTokens(m, tokenizer)).isEqualTo(ModelDirectory.DEFAULT_MAX_TOKENS);

        Files.writeString(m.resolve(ModelDirectory.TOKENIZER_CONFIG_FILE), "{\"model_max_length\": 1e30}");
        assertThat(ModelDirectory.detectMaxTokens(m, tokenizer)).as("transformers' 'no limit'").isEqualTo(512);
        Files.writeString(m.resolve(ModelDirectory.TOKENIZER_CONFIG_FILE), "{\"model_max_length\": 256}");
        assertThat(ModelDirectory.detectMaxTokens(m, tokenizer)).isEqualTo(256);

        Files.writeString(tokenizer, json.replaceFirst("\"truncation\":\\s*null", "\"truncation\": {\"direction\":"
                + " \"Right\", \"max_length\": 128, \"strategy\": \"LongestFirst\", \"stride\": 0}"));
        assertThat(ModelDirectory.detectMaxTokens(m, tokenizer)).isEqualTo(128);

        Files.copy(e5Dir.resolve(ModelDirectory.MODEL_FILE), m.resolve(ModelDirectory.MODEL_FILE));
        try (OnnxEmbeddingModel model = ModelDirectory.open(m, null, null, 1, 4)) {
            assertThat(model.maxInputTokens()).isEqualTo(126);
            assertThat(model.tokenizer().encode("word ".repeat(1_000))).hasSize(128);
        }
        Files.writeString(m.resolve(ModelDirectory.CONFIG_FILE), "{\"max_tokens\": 64}");
        try (OnnxEmbeddingModel model = ModelDirectory.open(m, null, null, 1, 4)) {
            assertThat(model.maxInputTokens()).isEqualTo(62);
        }
    }

    @Test
    void embeddingModelsBuildsItFromModelPathBehindTheCache() {
        EmbeddingConfig config = EmbeddingConfig.builder().provider("onnx").modelPath(e5Dir).threads(1).build();
        assertThat(config.model()).isNull();
        try (EmbeddingModel cached = EmbeddingModels.create(config, dir.resolve("cache"))) {
            assertThat(cached).isInstanceOf(CachingEmbeddingModel.class);
            assertThat(cached.modelId()).isEqualTo(e5.modelId());
            assertThat(cached.embedDocuments(List.of("a b c")).getFirst()).hasSize(384);
        }
        assertThatThrownBy(() -> EmbeddingConfig.builder().provider("openai").modelPath(e5Dir).build())
                .isInstanceOf(EmbeddingConfigException.class).hasMessageContaining("provider onnx");
        assertThatThrownBy(() -> EmbeddingConfig.builder().model("bge-small-en-v1.5-q").modelPath(e5Dir).build())
                .isInstanceOf(EmbeddingConfigException.class).hasMessageContaining("both set");
    }

    @Test
    void aMissingDirectoryOrFileIsNamedWithItsFix() throws IOException {
        Path absent = dir.resolve("absent");
        assertCallerError(absent, absent + " does not exist");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertCallerError(file, file + " is not a directory");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertCallerError(empty, empty.resolve("model.onnx") + " is missing");
        Files.copy(e5Dir.resolve(ModelDirectory.MODEL_FILE), empty.resolve(ModelDirectory.MODEL_FILE));
        assertCallerError(empty, empty.resolve("tokenizer.json") + " is missing");
        Files.writeString(empty.resolve(ModelDirectory.TOKENIZER_FILE), "{not json");
        assertCallerError(empty, empty.resolve("tokenizer.json").toString());
        Files.writeString(empty.resolve(ModelDirectory.TOKENIZER_FILE), "{\"model\": {\"type\": \"Nonsense\"}}");
        assertCallerError(empty, "not a Hugging Face tokenizer.json");

        Files.writeString(empty.resolve(ModelDirectory.TOKENIZER_FILE), Files.readString(e5Dir.resolve("tokenizer.json")));
        Files.writeString(empty.resolve(ModelDirectory.MODEL_FILE), "not onnx");
        assertCallerError(empty, empty.resolve("model.onnx").toString());
    }

    @Test
    void aBadConfigFileIsNamedWithTheKey() throws IOException {
        Path m = Files.createDirectories(dir.resolve("configs"));
        Files.copy(e5Dir.resolve(ModelDirectory.MODEL_FILE), m.resolve(ModelDirectory.MODEL_FILE));
        Files.copy(e5Dir.resolve(ModelDirectory.TOKENIZER_FILE), m.resolve(ModelDirectory.TOKENIZER_FILE));
        Path config = m.resolve(ModelDirectory.CONFIG_FILE);
        for (String[] c : new String[][] {
                {"{\"poolng\": \"cls\"}", "unknown key 'poolng'"},
                {"{\"pooling\": \"max\"}", "pooling must be 'mean' or 'cls'"},
                {"{\"normalize\": false}", "normalize: false is not supported"},
                {"{\"max_tokens\": 1}", "max_tokens must be at least 3"},
                {"{\"name\": \"a/b\"}", "name 'a/b'"},
                {"{\"output\": \"pooler\"}", "no output 'pooler'"},
                {"[1, 2]", "write a JSON object"},
                {"{\"dimension\": 768}", "outputs 384-dimensional vectors; set \"dimension\": 384"}}) {
            Files.writeString(config, c[0]);
            assertCallerError(m, c[1]);
        }
        Files.writeString(config, "{\"dimension\": 384, \"normalize\": true, \"name\": \"mine\"}");
        try (OnnxEmbeddingModel model = ModelDirectory.open(m, null, null, 1, 4)) {
            assertThat(model.modelId()).startsWith("onnx:dir:mine@sha256:");
        }
    }

    private static String id(Path dir) {
        return ModelDirectory.fingerprint(dir, ModelDirectoryConfig.read(dir.resolve(ModelDirectory.CONFIG_FILE)), 512);
    }

    private static void assertCallerError(Path modelPath, String message) {
        assertThatThrownBy(() -> ModelDirectory.open(modelPath, null, null, 1, 4).close())
                .isInstanceOf(EmbeddingConfigException.class).isInstanceOf(CallerError.class)
                .hasMessageContaining(message);
    }
}
