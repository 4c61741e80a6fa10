package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * index and search with a model of one's own, named by {@code embedding.model_path} in a {@code --config} file:
 * e5-small-v2 int8 unpacked from its jar beside the config, as a user would lay it out.
 */
class OwnModelCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    @TempDir
    Path home;

    private CliRun cli;
    private Path config;
    private Path model;

    @BeforeEach
    void fixture() throws IOException {
        cli = new CliRun(home);
        CliRun.writeSampleRepo(repo);
        model = Files.createDirectories(home.resolve("models/e5"));
        copy("e5-small-v2-q.onnx", model.resolve("model.onnx"));
        copy("e5-small-v2-q-tokenizer.json", model.resolve("tokenizer.json"));
        Files.writeString(model.resolve("code-indexer-model.json"), """
                {"pooling": "mean", "query_prefix": "query: ", "document_prefix": "passage: "}
                """);
        // Relative to the config file's directory, not to the working directory.
        config = Files.writeString(home.resolve("config.yaml"), "embedding: {provider: onnx, model_path: models/e5}\n");
    }

    @Test
    void indexAndSearchWithTheModelOfModelPath() throws Exception {
        assertThat(cli.run("index", "--config", config.toString(), repo.toString())).as(cli.err.toString()).isZero();

        assertThat(cli.run("search", "--config", config.toString(), "--path", repo.toString(), "--json", "--mode",
                "dense", "retry", "a", "failed", "upload")).as(cli.err.toString()).isZero();
        JsonNode top = JSON.readTree(cli.out.toString().lines().findFirst().orElseThrow()).get("results").get(0);
        assertThat(top.get("entity_id").asText()).isEqualTo("Retry.retryFailedUpload");
        assertThat(cli.run("search", "--config", config.toString(), "--path", repo.toString(), "--json", "--mode",
                "dense", "parse", "an", "HTTP", "date")).isZero();
        top = JSON.readTree(cli.out.toString().lines().findFirst().orElseThrow()).get("results").get(0);
        assertThat(top.get("file_path").asText()).isEqualTo("src/dates.py");

        assertThat(cli.run("status", "--config", config.toString(), "--path", repo.toString(), "--json")).isZero();
        assertThat(JSON.readTree(cli.out.toString()).get("model").asText()).matches("onnx:dir:e5@sha256:[0-9a-f]{12}");
    }

    @Test
    void aChangedModelFileMakesTheIndexOneToRebuild() throws Exception {
        assertThat(cli.run("index", "--config", config.toString(), repo.toString())).as(cli.err.toString()).isZero();
        Files.writeString(model.resolve("tokenizer.json"), "\n", StandardOpenOption.APPEND);
        assertThat(cli.run("search", "--config", config.toString(), "--path", repo.toString(), "retry")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("built differently").contains("index --full");
        assertThat(cli.run("index", "--full", "--config", config.toString(), repo.toString())).isZero();
        assertThat(cli.run("search", "--config", config.toString(), "--path", repo.toString(), "retry")).isZero();
    }

    @Test
    void configMistakesExitWithTwoAndNameTheFix() throws Exception {
        Files.writeString(config, "embedding: {model_path: models/absent}\n");
        assertThat(cli.run("index", "--config", config.toString(), repo.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains(home.resolve("models/absent") + " does not exist");

        Files.writeString(config, """
                vector_store: {embedding_dimension: 768}
                embedding: {model_path: models/e5}
                """);
        assertThat(cli.run("index", "--config", config.toString(), repo.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("vector_store.embedding_dimension is 768")
                .contains("produces 384-dimensional vectors").contains(model.toString());
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = OwnModelCliTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
