package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code index --rev}: a git revision indexed and searched without checking it out. */
class GitRevisionCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path repo;
    @TempDir
    Path home;

    private String git(String... args) throws Exception {
        return CliRun.git(repo, args);
    }

    private List<String> entities(CliRun cli, String... args) throws Exception {
        assertThat(cli.run(args)).as(cli.err.toString()).isZero();
        List<String> out = new ArrayList<>();
        JsonNode results = JSON.readTree(cli.out.toString()).get("results");
        results.forEach(h -> out.add(h.get("entity_id").asText()));
        return out;
    }

    @Test
    void aTaggedRevisionIsIndexedAndSearchedBesideTheWorkingTree() throws Exception {
        git("init", "-q");
        CliRun.writeSampleRepo(repo);
        git("add", "-A");
        git("commit", "-q", "-m", "v1");
        git("tag", "v1");
        String v1 = git("rev-parse", "HEAD");
        Files.writeString(repo.resolve("src/Retry.java"), """
                /** Retry policies for network calls. */
                public class Retry {
                    /** Gives up on an upload after too many failures. */
                    public void abandonUpload(String file) {
                    }
                }
                """);
        git("commit", "-q", "-am", "v2");
        Files.writeString(repo.resolve("src/Draft.java"), "public class Draft {}\n"); // uncommitted
        String status = git("status", "--porcelain");

        CliRun cli = new CliRun(home);
        assertThat(cli.run("index", "--rev", "v1", repo.resolve("src").toString())).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).contains("Unpacked").contains("@v1 (" + v1.substring(0, 12) + ")");
        // The checkout is untouched: same HEAD, same uncommitted file.
        assertThat(git("rev-parse", "HEAD")).isNotEqualTo(v1);
        assertThat(git("status", "--porcelain")).isEqualTo(status);

        assertThat(cli.run("index", repo.toString())).as(cli.err.toString()).isZero();
        assertThat(entities(cli, "search", "--path", repo.toString(), "--rev", "v1", "--json", "retry upload"))
                .contains("Retry.retryFailedUpload").doesNotContain("Retry.abandonUpload", "Draft");
        assertThat(entities(cli, "search", "--path", repo.toString(), "--json", "-k", "10", "upload"))
                .contains("Retry.abandonUpload").doesNotContain("Retry.retryFailedUpload");
        // A commit id names the same tree as its tag: nothing unpacked or embedded again.
        assertThat(cli.run("index", "--rev", v1, repo.toString())).as(cli.err.toString()).isZero();
        assertThat(cli.out.toString()).doesNotContain("Unpacked").contains("0 indexed");
        assertThat(cli.run("symbols", "--path", repo.toString(), "--rev", "v1", "retryFailedUpload")).isZero();
        assertThat(cli.out.toString()).contains("Retry.java");
        assertThat(cli.run("status", "--path", repo.toString(), "--rev", "v1", "--json")).isZero();
        assertThat(JSON.readTree(cli.out.toString()).get("files").asInt()).isEqualTo(2);

        assertThat(cli.run("search", "--path", repo.toString(), "--rev", "HEAD", "x")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("is not indexed").contains("index --rev HEAD");
        assertThat(cli.run("index", "--rev", "nosuch", repo.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("names no commit");
        assertThat(cli.run("index", "--rev", "v1", home.toString())).isEqualTo(2);
        assertThat(cli.err.toString()).contains("not inside a git repository");
        assertThat(cli.run("index", "--rev", "v1", "--watch", repo.toString())).isEqualTo(2);

        assertThat(cli.run("delete", "--path", repo.toString(), "--rev", "v1", "--all")).as(cli.err.toString()).isZero();
        assertThat(cli.run("search", "--path", repo.toString(), "--rev", "v1", "upload")).isEqualTo(2);
        assertThat(entities(cli, "search", "--path", repo.toString(), "--json", "upload")).contains("Retry.abandonUpload");
    }
}
