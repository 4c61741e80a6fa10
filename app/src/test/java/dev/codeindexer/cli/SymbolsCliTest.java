package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code symbols} and {@code outline} as a user runs them, after a real {@code index} of the sample repository. */
class SymbolsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    @TempDir
    Path home;

    private CliRun cli;

    @BeforeEach
    void index() throws Exception {
        cli = new CliRun(home);
        CliRun.writeSampleRepo(repo);
        assertThat(cli.run("index", repo.toString())).as(cli.err.toString()).isZero();
    }

    @Test
    void symbolsFindsADefinitionWithKindSignatureAndLines() throws Exception {
        assertThat(cli.run("symbols", "--path", repo.toString(), "retryFailedUpload")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).isEqualTo("""
                src/Retry.java:4-6  method Retry.retryFailedUpload  (exact)
                    public void retryFailedUpload(String file)
                """);

        assertThat(cli.run("symbols", "--path", repo.toString(), "--json", "Retry.upload")).isZero();
        JsonNode answer = JSON.readTree(cli.out.toString());
        assertThat(answer.get("codebase").asText()).isEqualTo(repo.toString());
        assertThat(answer.get("found").asBoolean()).isTrue();
        JsonNode match = answer.get("matches").get(0);
        assertThat(match.get("match").asText()).isEqualTo("exact");
        assertThat(match.get("name").asText()).isEqualTo("upload");
        assertThat(match.get("qualified_name").asText()).isEqualTo("Retry.upload");
        assertThat(match.get("kind").asText()).isEqualTo("method");
        assertThat(match.get("signature").asText()).isEqualTo("private void upload(String file)");
        assertThat(match.get("parent").asText()).isEqualTo("Retry");
        assertThat(match.get("language").asText()).isEqualTo("java");
        assertThat(match.get("file").asText()).isEqualTo("src/Retry.java");
        assertThat(match.get("line").asInt()).isEqualTo(8);
        assertThat(match.get("start_line").asInt()).isEqualTo(8);
        assertThat(match.get("end_line").asInt()).isEqualTo(9);
    }

    @Test
    void refsCallersCalleesAndMapAnswerFromTheIndex() throws Exception {
        Files.writeString(repo.resolve("src/Uploader.java"), """
                public class Uploader {
                    // upload() is retried by Retry
                    void run(Retry retry) {
                        retry.retryFailedUpload("a.txt");
                    }
                }
                """);
        assertThat(cli.run("index", repo.toString())).as(cli.err.toString()).isZero();

        assertThat(cli.run("refs", "--path", repo.toString(), "upload")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).isEqualTo("""
                refs upload: 4 lines in 2 files, 4 definitions
                src/Retry.java  class Retry 2-10
                    3: /** Retries a failed upload with exponential backoff. */
                src/Retry.java  method Retry.retryFailedUpload 4-6
                    5: upload(file);
                src/Retry.java  method Retry.upload 8-9
                    8: private void upload(String file) {
                src/Uploader.java  class Uploader 1-6
                    2: // upload() is retried by Retry
                """);
        assertThat(cli.run("refs", "--path", repo.toString(), "--code-only", "--json", "upload")).isZero();
        JsonNode refs = JSON.readTree(cli.out.toString());
        assertThat(refs.get("code_only").asBoolean()).isTrue();
        assertThat(refs.get("lines").asInt()).isEqualTo(2);
        assertThat(refs.get("groups").get(0).get("entity").get("qualified_name").asText())
                .isEqualTo("Retry.retryFailedUpload");

        assertThat(cli.run("callers", "--path", repo.toString(), "--depth", "2", "upload")).isZero();
        assertThat(cli.out.toString()).isEqualTo("""
                callers of upload: 1 call site; defined at Retry.upload src/Retry.java:8
                src/Retry.java  method Retry.retryFailedUpload 4-6
                    5: upload(file);
                  src/Uploader.java  method Uploader.run 3-5
                      4: retry.retryFailedUpload("a.txt");
                """);
        assertThat(cli.run("callees", "--path", repo.toString(), "--depth", "2", "Uploader.run")).isZero();
        assertThat(cli.out.toString()).isEqualTo("""
                callees of method Uploader.run  src/Uploader.java:3-5
                  retry.retryFailedUpload  line 4  -> method Retry.retryFailedUpload  src/Retry.java:4
                    upload  line 5  -> method Retry.upload  src/Retry.java:8
                """);
        assertThat(cli.run("callees", "--path", repo.toString(), "nosuchthing")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("no definition of or call to 'nosuchthing'");

        assertThat(cli.run("map", "--path", repo.toString(), "--tokens", "100")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).startsWith("3 of 3 files, 6 definitions, ").contains("src/dates.py:\n");
        assertThat(cli.run("map", "--path", repo.toString(), "--tokens", "64")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString().lines().toList()).as("the most referenced file first, within the budget")
                .element(1).isEqualTo("src/Retry.java:");
        assertThat(cli.out.toString()).doesNotContain("src/dates.py");
        assertThat(cli.run("map", "--path", repo.toString(), "--tokens", "5")).isEqualTo(2);
    }

    @Test
    void anUnknownNameListsNearMatchesAndNothingNearIsAnError() {
        assertThat(cli.run("symbols", "--path", repo.toString(), "parse_http_dat")).isZero();
        assertThat(cli.out.toString()).startsWith("no symbol parse_http_dat; near matches:\n")
                .contains("src/dates.py:1-3  function dates.parse_http_date  (prefix)");

        assertThat(cli.run("symbols", "--path", repo.toString(), "qqqzzz")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("no symbol 'qqqzzz' and none near it");
        assertThat(cli.run("symbols", "--path", repo.toString(), "--kind", "widget", "x")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("unknown symbol kind 'widget'");
        assertThat(cli.run("symbols", "--path", repo.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("give a NAME");
    }

    @Test
    void filtersAndAllListEveryDefinitionThatPasses() throws Exception {
        assertThat(cli.run("symbols", "--path", repo.toString(), "--lang", "python", "--all", "--json")).isZero();
        JsonNode all = JSON.readTree(cli.out.toString());
        assertThat(all.get("count").asInt()).isEqualTo(1);
        assertThat(all.get("symbols").get(0).get("qualified_name").asText()).isEqualTo("dates.parse_http_date");

        assertThat(cli.run("symbols", "--path", repo.toString(), "--type", "class", "Retry")).isZero();
        assertThat(cli.out.toString()).contains("class Retry  (exact)").doesNotContain("retryFailedUpload");
    }

    @Test
    void outlineNestsAFilesDefinitionsAndRefusesAFileThatIsNotIndexed() throws Exception {
        assertThat(cli.run("outline", "--path", repo.toString(), "src/Retry.java")).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).isEqualTo("""
                src/Retry.java: 3 definitions
                  class Retry  2-10  public class Retry
                    method retryFailedUpload  4-6  public void retryFailedUpload(String file)
                    method upload  8-9  private void upload(String file)
                """);

        assertThat(cli.run("outline", "--path", repo.toString(), "--json", repo.resolve("src/dates.py").toString()))
                .isZero();
        JsonNode outline = JSON.readTree(cli.out.toString());
        assertThat(outline.get("file").asText()).isEqualTo("src/dates.py");
        assertThat(outline.get("symbols").get(0).get("name").asText()).isEqualTo("parse_http_date");
        assertThat(outline.get("symbols").get(0).get("children").size()).isZero();

        Files.writeString(repo.resolve("src/New.java"), "class New {}\n");
        assertThat(cli.run("outline", "--path", repo.toString(), "src/New.java")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("src/New.java is not indexed in " + repo)
                .contains("code-indexer index " + repo);
    }

    @Test
    void theSymbolTableFollowsChangesAtTheNextIndexRun() throws Exception {
        Files.writeString(repo.resolve("src/dates.py"), "def parse_iso_date(value):\n    return value\n");
        assertThat(cli.run("index", repo.toString())).isZero();
        assertThat(cli.run("symbols", "--path", repo.toString(), "parse_iso_date")).isZero();
        assertThat(cli.out.toString()).contains("src/dates.py:1-2  function dates.parse_iso_date  (exact)");
        assertThat(cli.run("symbols", "--path", repo.toString(), "parse_http_date")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("no symbol 'parse_http_date' and none near it");
    }

    @Test
    void aCodebaseThatWasNeverIndexedSaysHowToIndexIt(@TempDir Path other) {
        assertThat(cli.run("symbols", "--path", other.toString(), "x")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("no index of " + other).contains("code-indexer index " + other);
    }
}
