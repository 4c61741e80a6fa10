package dev.codeindexer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(c.vectorStore().type()).isEqualTo("lucene");
        assertThat(c.vectorStore().defaultCollection()).isEqualTo("code");
        assertThat(c.vectorStore().embeddingDimension()).as("null: the model's").isNull();
        assertThat(c.vectorStore().milvus().port()).isEqualTo(19530);
        assertThat(c.vectorStore().milvus().indexType()).isEqualTo("HNSW");
        assertThat(c.vectorStore().milvus().indexParams()).containsEntry("M", 16);
        assertThat(c.embedding().provider()).isNull();
    }

    @Test
    void theSeedShapeIsReadWithEverySnakeCaseKey() {
        String yaml = """
                vector_store:
                  type: milvus
                  default_collection: my_code
                  embedding_dimension: 768
                  milvus:
                    host: milvus.internal
                    port: ${PORT}
                    user: indexer
                    password: ${MILVUS_PASSWORD}
                    secure: true
                    connection_alias: team
                    index_type: IVF_FLAT
                    index_params: {nlist: 256}
                    search_ef: 128
                    search_nprobe: 32
                    connection_pool_size: 8
                    batch_size: 500
                    timeout: 15
                    log_level: debug
                  lucene:
                    path: /tmp/idx
                embedding:
                  provider: openai
                  base_url: http://localhost:8000/v1
                  api_key: ${OPENAI_API_KEY:-none}
                """;
        CodeIndexerConfig c = loader.parse(yaml, "code-indexer.yaml");
        MilvusConfig m = c.vectorStore().milvus();
        assertThat(c.vectorStore().type()).isEqualTo("milvus");
        assertThat(c.vectorStore().defaultCollection()).isEqualTo("my_code");
        assertThat(c.vectorStore().embeddingDimension()).isEqualTo(768);
        assertThat(m.port()).isEqualTo(19999);
        assertThat(m.password()).isEqualTo("s3cr3t: #x");
        assertThat(m.secure()).isTrue();
        assertThat(m.address()).isEqualTo("https://milvus.internal:19999");
        assertThat(m.connectionAlias()).isEqualTo("team");
        assertThat(m.indexType()).isEqualTo("IVF_FLAT");
        assertThat(m.indexParams()).containsEntry("nlist", 256);
        assertThat(m.searchEf()).isEqualTo(128);
        assertThat(m.searchNprobe()).isEqualTo(32);
        assertThat(m.connectionPoolSize()).isEqualTo(8);
        assertThat(m.batchSize()).isEqualTo(500);
        assertThat(m.timeout()).isEqualTo(15);
        assertThat(m.logLevel()).isEqualTo("DEBUG");
        assertThat(c.vectorStore().lucene().path()).isEqualTo("/tmp/idx");
        assertThat(c.embedding().apiKey()).isEqualTo("none");
        assertThat(c.embedding().baseUrl()).isEqualTo("http://localhost:8000/v1");
    }

    @Test
    void secretsNeverAppearInToString() {
        CodeIndexerConfig c = loader.parse("""
                vector_store: {milvus: {password: hunter2, token: tok-123}}
                embedding: {api_key: sk-live-999}
                """, "c.yaml");
        assertThat(c.toString()).doesNotContain("hunter2", "tok-123", "sk-live-999").contains("****");
    }

    @Test
    void unknownKeysAreNamedWithTheirPathAndFile() {
        assertThatThrownBy(() -> loader.parse("vector_store:\n  milvus:\n    hots: x\n", "conf.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("conf.yaml")
                .hasMessageContaining("unknown key 'vector_store.milvus.hots'")
                .hasMessageContaining("host");
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
        assertThatThrownBy(() -> loader.parse("vector_store: {milvus: {port: 70000}}", "c.yaml"))
                .hasMessageContaining("c.yaml").hasMessageContaining("vector_store.milvus.port must be between 1 and 65535");
        assertThatThrownBy(() -> loader.parse("vector_store: {milvus: {port: lots}}", "c.yaml"))
                .hasMessageContaining("invalid value for 'vector_store.milvus.port'");
        assertThatThrownBy(() -> loader.parse("vector_store: {milvus: {index_type: DISKANN}}", "c.yaml"))
                .hasMessageContaining("vector_store.milvus.index_type must be one of [HNSW, IVF_FLAT, FLAT, AUTOINDEX]");
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
        Files.writeString(file, "vector_store: {type: lucene, lucene: {path: data}}\n");
        assertThat(loader.load(file).vectorStore().lucene().path()).isEqualTo("data");
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
