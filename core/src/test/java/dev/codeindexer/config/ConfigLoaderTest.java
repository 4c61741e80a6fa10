package dev.codeindexer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.store.ExampleBackend;
import dev.codeindexer.store.VectorStoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("MILVUS_PASSWORD", "s3cr3t: #x", "PORT", "19999")::get);

    @Test
    void anEmptyFileGivesTheDefaults() {
        CodeIndexerConfig c = loader.parse("", "empty.yaml");
        assertThat(c.vectorStore().type()).as("the default backend is chosen by the backends").isNull();
        assertThat(c.vectorStore().defaultCollection()).isEqualTo("code");
        assertThat(c.vectorStore().embeddingDimension()).as("null: the model's").isNull();
        assertThat(c.vectorStore().section("example", ExampleBackend.Settings.class).port()).isEqualTo(7000);
        assertThat(c.embedding().provider()).isNull();
    }

    @Test
    void aBackendSectionIsKeptForItsBackendWithVariablesReplaced() {
        String yaml = """
                vector_store:
                  type: example
                  default_collection: my_code
                  embedding_dimension: 768
                  example:
                    host: example.internal
                    port: ${PORT}
                    password: ${MILVUS_PASSWORD}
                    batch_size: 500
                embedding:
                  provider: openai
                  base_url: http://localhost:8000/v1
                  api_key: ${OPENAI_API_KEY:-none}
                """;
        CodeIndexerConfig c = loader.parse(yaml, "code-indexer.yaml");
        assertThat(c.vectorStore().type()).isEqualTo("example");
        assertThat(c.vectorStore().defaultCollection()).isEqualTo("my_code");
        assertThat(c.vectorStore().embeddingDimension()).isEqualTo(768);
        ExampleBackend.Settings s = c.vectorStore().section("example", ExampleBackend.Settings.class);
        assertThat(s.host()).isEqualTo("example.internal");
        assertThat(s.port()).isEqualTo(19999);
        assertThat(s.password()).isEqualTo("s3cr3t: #x");
        assertThat(VectorStoreFactory.provider(c.vectorStore()).batchSize(c.vectorStore())).isEqualTo(500);
        assertThat(c.embedding().apiKey()).isEqualTo("none");
        assertThat(c.embedding().baseUrl()).isEqualTo("http://localhost:8000/v1");
    }

    @Test
    void secretsNeverAppearInToString() {
        CodeIndexerConfig c = loader.parse("""
                vector_store: {example: {password: hunter2, host: tok-123}}
                embedding: {api_key: sk-live-999}
                """, "c.yaml");
        assertThat(c.toString()).doesNotContain("hunter2", "tok-123", "sk-live-999").contains("****");
    }

    @Test
    void unknownKeysAreNamedWithTheirPathAndFile() {
        assertThatThrownBy(() -> loader.parse("vector_store:\n  example:\n    hots: x\n", "conf.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("conf.yaml")
                .hasMessageContaining("unknown key 'vector_store.example.hots'")
                .hasMessageContaining("host");
        assertThatThrownBy(() -> loader.parse("vector_store:\n  exampel: {}\n", "conf.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'vector_store.exampel'").hasMessageContaining("[example]");
        assertThatThrownBy(() -> loader.parse("vector_store:\n  example: 3\n", "conf.yaml"))
                .hasMessageContaining("'vector_store.example' must be a mapping");
        assertThatThrownBy(() -> loader.parse("vectorstore: {}\n", "conf.yaml"))
                .hasMessageContaining("unknown key 'vectorstore'");
    }

    @Test
    void malformedYamlIsReportedWithItsLine() {
        assertThatThrownBy(() -> loader.parse("vector_store:\n  type: [lucene\n  x: 1\n", "bad.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bad.yaml: malformed YAML at line");
        assertThatThrownBy(() -> loader.parse("- a\n- b\n", "list.yaml"))
                .hasMessageContaining("top level must be a mapping");
    }

    @Test
    void invalidValuesNameTheKey() {
        assertThatThrownBy(() -> loader.parse("vector_store: {example: {port: 70000}}", "c.yaml"))
                .hasMessageContaining("c.yaml").hasMessageContaining("vector_store.example.port must be between 1 and 65535");
        assertThatThrownBy(() -> loader.parse("vector_store: {example: {port: lots}}", "c.yaml"))
                .hasMessageContaining("invalid value for 'vector_store.example.port'");
        assertThatThrownBy(() -> loader.parse("vector_store: {metric: hamming}", "c.yaml"))
                .hasMessageContaining("vector_store.metric");
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> loader.parse("vector_store: {milvus: {token: '${ZILLIZ_TOKEN}'}}", "c.yaml"))
                .hasMessageContaining("'vector_store.milvus.token' refers to environment variable ZILLIZ_TOKEN");
    }

    @Test
    void loadReadsAFileAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("code-indexer.yaml");
        Files.writeString(file, "vector_store: {type: example, example: {host: data}}\n");
        assertThat(loader.load(file).vectorStore().section("example", ExampleBackend.Settings.class).host())
                .isEqualTo("data");
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml").hasMessageContaining("cannot read");
    }

    @Test
    void aRelativeModelPathIsTakenFromTheConfigFilesDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conf/code-indexer.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "embedding: {provider: onnx, model_path: ../models/e5}\n");
        assertThat(loader.load(file).embedding().modelPath()).isEqualTo(dir.resolve("models/e5").toString());
        Files.writeString(file, "embedding: {model_path: /opt/models/e5}\n");
        assertThat(loader.load(file).embedding().modelPath()).isEqualTo("/opt/models/e5");
        assertThat(loader.parse("embedding: {model_path: models/e5}", "c.yaml").embedding().modelPath())
                .as("text without a file has no directory to resolve against").isEqualTo("models/e5");
    }
}
