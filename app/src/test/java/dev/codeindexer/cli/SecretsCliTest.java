package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets never reach an index: a home-like tree indexed by the real command, with the real model and store. */
class SecretsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PEM_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
            + "QyNTUxOQAAACBtokenmaterialtokenmaterialtokenmaterialAAAAAAAAAAAAAAAAAAAA\n"
            + "-----END OPENSSH PRIVATE KEY-----\n";

    @TempDir
    Path repo;
    @TempDir
    Path home;
    private CliRun cli;

    @BeforeEach
    void tree() throws IOException {
        cli = new CliRun(home);
        CliRun.writeSampleRepo(repo);
        write(".ssh/id_rsa", PEM_KEY);
        write(".env", "DATABASE_PASSWORD=hunter2-marmalade\n");
        write(".aws/credentials", "[default]\naws_secret_access_key = hunter2-marmalade\n");
        write("notes/groceries.txt", PEM_KEY); // an innocent name; the content gives it away
    }

    private void write(String rel, String content) throws IOException {
        Path file = repo.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void aTreeWithKeysAndCredentialsIndexesNoneOfThemAndReportsTheSkips() throws Exception {
        assertThat(cli.run("index", repo.toString(), "--dry-run", "--json")).as(cli.err.toString()).isZero();
        JsonNode preview = JSON.readTree(cli.out.toString());
        assertThat(preview.get("files").asInt()).isEqualTo(2);
        assertThat(preview.get("skipped").get("secret").asInt()).isEqualTo(4);

        assertThat(cli.run("index", repo.toString())).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("2 indexed").contains("4 skipped").contains("secret=4")
                .contains("(secret: ");

        assertThat(cli.run("status", "--path", repo.toString(), "--json")).isZero();
        assertThat(JSON.readTree(cli.out.toString()).get("files").asInt()).isEqualTo(2);
        for (String needle : new String[] {"hunter2", "PRIVATE KEY", "tokenmaterial"}) {
            assertThat(cli.run("grep", "--path", repo.toString(), needle)).isZero();
            assertThat(cli.out.toString()).as(needle).isEmpty();
        }
        assertThat(cli.run("search", "--path", repo.toString(), "--json", "--mode", "lexical", "hunter2 marmalade"))
                .isZero();
        assertThat(JSON.readTree(cli.out.toString()).get("results").findValuesAsText("file_path"))
                .doesNotContain(".env", ".aws/credentials", ".ssh/id_rsa", "notes/groceries.txt");
    }

    @Test
    void aSecretIsIndexedOnlyWhenTheConfigNamesIt() throws Exception {
        Path config = home.resolve("config.yaml");
        Files.writeString(config, "index:\n  allow_secrets: ['.env']\n");

        assertThat(cli.run("index", repo.toString(), "--config", config.toString())).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("3 indexed").contains("secret=3");
        assertThat(cli.run("grep", "--path", repo.toString(), "--config", config.toString(), "hunter2")).isZero();
        assertThat(cli.out.toString().lines()).containsExactly(".env:1:DATABASE_PASSWORD=hunter2-marmalade");

        Files.writeString(config, "index:\n  allow_secrets: ['!.env']\n");
        assertThat(cli.run("index", repo.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("index.allow_secrets");
    }
}
