package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading commands on a codebase never indexed: exit 2, a sentence saying how to index it, and no trace left. */
class NotIndexedCliTest {
    @TempDir
    Path home;
    @TempDir
    Path repo;

    @Test
    void everyReadOfACodebaseNeverIndexedIsExitTwoAndCreatesNothing() throws Exception {
        CliRun cli = new CliRun(home);
        CliRun.writeSampleRepo(repo);
        String path = repo.toString();
        for (List<String> args : List.of(
                List.of("status", "--path", path),
                List.of("status", "--path", path, "--json"),
                List.of("search", "--path", path, "retry"),
                List.of("symbols", "--path", path, "Retry"),
                List.of("outline", "--path", path, "src/Retry.java"),
                List.of("grep", "--path", path, "retry"),
                List.of("collections", "--path", path),
                List.of("delete", "--path", path, "--file", "src/Retry.java"),
                List.of("delete", "--path", path, "--all"))) {
            assertThat(cli.run(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
            assertThat(cli.err.toString()).as(args.toString()).contains("no index of " + repo)
                    .contains("code-indexer index " + repo);
            assertThat(cli.out.toString()).as(args.toString()).isEmpty();
        }
        try (Stream<Path> created = Files.list(home)) {
            assertThat(created).isEmpty();
        }
    }
}
