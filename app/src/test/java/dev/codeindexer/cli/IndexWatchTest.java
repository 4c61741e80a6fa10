package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code index --watch}: real files, real watcher, real store and model; edits show up in searches. */
class IndexWatchTest {
    @TempDir
    Path repo;
    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli(StringWriter o) {
        CommandLine cmd = Main.commandLine(Map.of("CODE_INDEXER_HOME", home.toString(), "HOME", home.toString()));
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd;
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void reindexesChangedFilesRemovesDeletedOnesAndIgnoresExcludedDirectories() throws Exception {
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/Retry.java"), "public class Retry {\n    public void retryFailedUpload() {\n    }\n}\n");
        Path gone = Files.writeString(repo.resolve("src/Old.java"), "public class Old {\n    public void legacyFaxSender() {\n    }\n}\n");
        int[] exit = {-1};
        Thread watching = Thread.ofPlatform().name("index-watch").start(
                () -> exit[0] = cli(out).execute("index", repo.toString(), "--watch", "--debounce-ms", "200"));
        await(() -> out.toString().contains("Watching "), "the first run finished and watching began: " + err);

        Files.writeString(repo.resolve("src/Dates.java"),
                "public class Dates {\n    public void parseHttpDateHeader() {\n    }\n}\n");
        Files.delete(gone);
        await(() -> out.toString().contains("re-indexed: 1 changed, 1 removed"), "one re-index for both changes: " + out);

        // Build output is never indexed, so writing it triggers nothing.
        Files.createDirectories(repo.resolve("target"));
        Files.writeString(repo.resolve("target/Gen.java"), "public class Gen {}\n");
        Files.writeString(repo.resolve("src/Retry.java"), "public class Retry {\n    public void retryFailedDownload() {\n    }\n}\n");
        await(() -> out.toString().contains("re-indexed: 1 changed, 0 removed"), "the edit was re-indexed: " + out);

        // The symbol table followed every change, and can be read while the watcher keeps it.
        StringWriter symbols = new StringWriter();
        assertThat(cli(symbols).execute("symbols", "--path", repo.toString(), "--all", "--json")).as(err.toString())
                .isZero();
        assertThat(symbols.toString()).contains("Dates.parseHttpDateHeader").contains("Retry.retryFailedDownload")
                .doesNotContain("legacyFaxSender").doesNotContain("retryFailedUpload").doesNotContain("Gen");

        watching.interrupt(); // as Ctrl-C does, through the stop signal
        watching.join(Duration.ofSeconds(30));
        assertThat(watching.isAlive()).isFalse();
        assertThat(exit[0]).as(err.toString()).isZero();

        StringWriter found = new StringWriter();
        assertThat(cli(found).execute("search", "--path", repo.toString(), "--json", "-k", "10", "parse http date"))
                .as(err.toString()).isZero();
        assertThat(found.toString()).contains("Dates.parseHttpDateHeader").contains("retryFailedDownload")
                .doesNotContain("legacyFaxSender").doesNotContain("retryFailedUpload").doesNotContain("target/Gen.java");
    }
}
