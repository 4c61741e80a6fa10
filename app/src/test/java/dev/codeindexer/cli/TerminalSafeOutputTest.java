package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository whose file names, directory name and code hold newlines and terminal escape sequences: the
 * human-readable output shows them escaped, one result per line; {@code --json} carries them exactly.
 */
class TerminalSafeOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ESC = "\u001b";
    /** A name that would forge a result line and turn the terminal red. */
    private static final String FILE = "evil\n1. forged.py:1-2  function owned" + ESC + "[31m.py";
    private static final String FILE_ESCAPED = "evil\\n1. forged.py:1-2  function owned\\x1b[31m.py";

    @TempDir
    Path tmp;
    @TempDir
    Path home;
    private Path repo;
    private CliRun cli;

    @BeforeEach
    void repository() throws Exception {
        cli = new CliRun(home);
        repo = Files.createDirectories(tmp.resolve("code" + ESC + "]0;retitled\u0007"));
        Files.writeString(repo.resolve(FILE), "def zebra_quokka(value=\"" + ESC + "[2J\"):\n"
                + "    \"\"\"Zebra quokka clears the screen.\"\"\"\n"
                + "    return value + \"" + ESC + "[H\"\n");
        Files.writeString(repo.resolve("key" + ESC + "[5m.pem"), "x");
    }

    /** No control character but line breaks: nothing a terminal would act on. */
    private static void assertInert(String output) {
        assertThat(output.chars().filter(c -> c < 0x20 && c != '\n').boxed().toList()).as(output).isEmpty();
    }

    @Test
    void everyHumanReadableOutputEscapesAndJsonStaysExact() throws Exception {
        String path = repo.toString();
        assertThat(cli.run("index", path)).as(cli.err.toString()).isZero();
        assertInert(cli.out.toString());
        assertThat(cli.out.toString()).contains("code\\x1b]0;retitled\\x07").contains("key\\x1b[5m.pem (secret");

        assertThat(cli.run("search", "--path", path, "--mode", "lexical", "zebra quokka")).isZero();
        String search = cli.out.toString();
        assertInert(search);
        assertThat(search).contains("1. " + FILE_ESCAPED + ":1-3").contains("value=\"\\x1b[2J\"")
                .doesNotContain("\n1. forged");

        assertThat(cli.run("symbols", "--path", path, "zebra_quokka")).isZero();
        assertInert(cli.out.toString());
        assertThat(cli.out.toString()).startsWith(FILE_ESCAPED + ":1-3  function ").contains("\\x1b[2J");

        assertThat(cli.run("outline", "--path", path, FILE)).as(cli.err.toString()).isZero();
        assertInert(cli.out.toString());
        assertThat(cli.out.toString()).startsWith(FILE_ESCAPED + ": 1 definition\n");

        assertThat(cli.run("grep", "--path", path, "return")).isZero();
        assertInert(cli.out.toString());
        assertThat(cli.out.toString().lines()).containsExactly(FILE_ESCAPED + ":3:    return value + \"\\x1b[H\"");

        assertThat(cli.run("status", "--path", path)).isZero();
        assertInert(cli.out.toString());
        assertThat(cli.out.toString()).contains("code\\x1b]0;retitled\\x07");

        assertThat(cli.run("outline", "--path", path, "no" + ESC + "[8m.py")).isEqualTo(2);
        assertInert(cli.err.toString());

        assertThat(cli.run("search", "--path", path, "--json", "--mode", "lexical", "zebra quokka")).isZero();
        JsonNode hit = JSON.readTree(cli.out.toString()).get("results").get(0);
        assertThat(hit.get("file_path").asText()).isEqualTo(FILE);
        assertThat(hit.get("content").asText()).contains("value=\"" + ESC + "[2J\"");
        assertThat(cli.run("grep", "--path", path, "--json", "return")).isZero();
        assertThat(JSON.readTree(cli.out.toString()).get("matches").get(0).get("text").asText()).contains(ESC + "[H");
        assertThat(cli.run("status", "--path", path, "--json")).isZero();
        assertThat(JSON.readTree(cli.out.toString()).get("codebase").asText()).isEqualTo(path);
    }
}
