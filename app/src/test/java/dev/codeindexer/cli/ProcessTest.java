package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands in a process of their own, as the launcher starts them: what reaches the terminal (a library's notice
 * on stderr, the exit status after Ctrl-C) only shows there.
 */
class ProcessTest {
    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();
    @TempDir
    Path home;
    Path repo;

    @BeforeEach
    void sampleRepo() throws IOException {
        repo = home.resolve("repo");
        CliRun.writeSampleRepo(repo);
    }

    /** What a finished process printed. */
    record Ran(int exit, String out, String err) {
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CODE_INDEXER_HOME", home.resolve("data").toString());
        pb.environment().remove("CODE_INDEXER_CONFIG");
        return pb.start();
    }

    /**
     * Reads a child's output on a thread of its own: the common pool has one thread on two cores, and a watch's
     * output, read to its end, would hold it while other children wait to be read.
     */
    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
    }

    private Ran run(String... args) throws Exception {
        Process p = start(args);
        p.getOutputStream().close();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", List.of(args)).isTrue();
        return new Ran(p.exitValue(), out.get(), err.get());
    }

    @Test
    void searchPrintsNothingOnStderrAndVerboseShowsTheLibrariesNotices() throws Exception {
        Ran index = run("index", repo.toString());
        assertThat(index.exit()).as(index.err()).isZero();
        assertThat(index.err()).doesNotContain("WARNING", "INFO");

        Ran search = run("search", "--path", repo.toString(), "retry a failed upload");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("src/Retry.java:3-6");
        assertThat(search.err()).isEmpty();

        Ran verbose = run("search", "--path", repo.toString(), "--verbose", "retry a failed upload");
        assertThat(verbose.exit()).isZero();
        assertThat(verbose.err()).as("the libraries' notices").contains("org.apache.lucene");
    }

    @Test
    void ctrlCEndsAWatchWithStatusZero() throws Exception {
        Process p = start("index", repo.toString(), "--watch", "--debounce-ms", "100");
        p.getOutputStream().close();
        CompletableFuture<String> err = drain(p.getErrorStream());
        StringBuilder out = new StringBuilder();
        try (var lines = p.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("Watching ")) {
                out.append(line).append('\n');
            }
            assertThat(line).as("watching began; printed: %s", out).isNotNull();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).as(err.get()).isZero();
        assertThat(Files.list(home.resolve("data"))).isNotEmpty();
    }

    /** Starts {@code index REPO --watch} and returns once its first run is done and it holds the writer lock. */
    private Process watching() throws IOException {
        Process p = start("index", repo.toString(), "--watch", "--debounce-ms", "100");
        p.getOutputStream().close();
        drain(p.getErrorStream());
        var lines = p.inputReader(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = lines.readLine()) != null && !line.startsWith("Watching ")) {
            out.append(line).append('\n');
        }
        assertThat(line).as("watching began; printed: %s", out).isNotNull();
        CompletableFuture.runAsync(() -> {
            try {
                lines.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
        return p;
    }

    private void interrupt(Process p) throws Exception {
        assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor()).isZero();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private int indexedFiles() throws Exception {
        Ran status = run("status", "--path", repo.toString(), "--json");
        assertThat(status.exit()).as(status.err()).isZero();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).get("files").asInt();
    }

    @Test
    void aSecondWriterIsRefusedNamingTheOwnerAndTheFirstFinishesWithExactCounts() throws Exception {
        Process owner = watching();
        try {
            Ran second = run("index", repo.toString(), "--full");
            assertThat(second.exit()).isEqualTo(1);
            assertThat(second.err()).contains("is being written by pid " + owner.pid() + " on ")
                    .contains("index --watch").contains("--wait");
            Ran delete = run("delete", "--path", repo.toString(), "--all");
            assertThat(delete.exit()).isEqualTo(1);
            assertThat(delete.err()).contains("pid " + owner.pid());
            // Reading is never locked out.
            assertThat(indexedFiles()).isEqualTo(2);

            Process waiter = start("index", repo.toString(), "--wait");
            waiter.getOutputStream().close();
            CompletableFuture<String> waiterOut = drain(waiter.getInputStream());
            CompletableFuture<String> waiterErr = drain(waiter.getErrorStream());
            assertThat(waiter.isAlive()).as("a waiting writer cannot finish while the lock is held").isTrue();
            interrupt(owner);
            assertThat(waiter.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(waiter.exitValue()).as(waiterErr.get()).isZero();
            assertThat(waiterOut.get()).contains("2 unchanged");
        } finally {
            owner.destroyForcibly();
        }
        assertThat(indexedFiles()).isEqualTo(2);
    }

    @Test
    void aLockLeftByAKilledWriterIsTakenOverByTheNext() throws Exception {
        Process killed = watching();
        killed.destroyForcibly(); // SIGKILL: nothing of it runs again, its lock file keeps its name
        assertThat(killed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path lock;
        try (var files = Files.walk(home.resolve("data"))) {
            lock = files.filter(f -> f.getFileName().toString().equals("writer.lock")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(lock)).contains("\"pid\":" + killed.pid());

        Ran next = run("index", repo.toString(), "--verbose");
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(next.err()).contains("took over the writer lock").contains("pid " + killed.pid());
        assertThat(Files.readString(lock)).as("released: no owner").isEmpty();
        assertThat(indexedFiles()).isEqualTo(2);
    }

    @Test
    void aRebuildKilledMidwayLeavesTheOldGenerationAnsweringAndTheNextRunRemovesItsRemains() throws Exception {
        // Small batches, so that the rebuild records files early and has many left when it is killed.
        Path config = sixtyPartsInSmallBatches();
        Ran first = run("index", repo.toString(), "--config", config.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(indexedFiles()).isEqualTo(62);

        // Without the embedding cache every chunk goes to the model again: slow enough to be caught midway.
        deleteTree(home.resolve("data/embedding-cache"));
        Process rebuild = start("index", repo.toString(), "--full", "--config", config.toString());
        rebuild.getOutputStream().close();
        drain(rebuild.getInputStream());
        CompletableFuture<String> rebuildErr = drain(rebuild.getErrorStream());
        Path nextManifest = awaitFile(rebuild, name -> name.startsWith("manifest-") && name.endsWith("_g1.jsonl"));
        assertThat(nextManifest).as("the rebuild recorded files in the next generation: %s",
                rebuild.isAlive() ? "" : rebuildErr.get()).isNotNull();
        rebuild.destroyForcibly(); // SIGKILL midway
        assertThat(rebuild.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(nextManifest)).as("killed before the rebuild completed").hasSizeLessThan(62);

        Ran search = run("search", "--path", repo.toString(), "--mode", "lexical", "weight41");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("src/Part41.java");
        assertThat(indexedFiles()).as("the old generation answers whole").isEqualTo(62);

        Ran next = run("index", repo.toString(), "--config", config.toString());
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(next.out()).contains("62 unchanged");
        assertThat(findFile(name -> name.contains("_g1"), 0)).as("the killed rebuild's remains").isNull();
        Ran full = run("index", repo.toString(), "--full", "--config", config.toString());
        assertThat(full.exit()).as(full.err()).isZero();
        Ran status = run("status", "--path", repo.toString(), "--json");
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out()).get("collection").asText())
                .endsWith("_g1");
        assertThat(indexedFiles()).isEqualTo(62);
    }

    @Test
    void sigtermStopsAnIndexRunBetweenFilesAndTheNextRunCompletesIt() throws Exception {
        Path config = sixtyPartsInSmallBatches();
        Process index = start("index", repo.toString(), "--config", config.toString());
        index.getOutputStream().close();
        drain(index.getInputStream());
        CompletableFuture<String> err = drain(index.getErrorStream());
        Path manifest = awaitFile(index, name -> name.startsWith("manifest-") && name.endsWith(".jsonl"));
        assertThat(manifest).as("the run recorded files: %s", index.isAlive() ? "" : err.get()).isNotNull();
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(index.pid())).start().waitFor()).isZero();
        assertThat(index.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(index.exitValue()).as(err.get()).isEqualTo(Main.STOPPED);
        assertThat(err.get()).contains("indexing stopped before it finished; run it again");
        assertThat(Path.of("hs_err_pid" + index.pid() + ".log")).doesNotExist();

        Ran next = run("index", repo.toString(), "--config", config.toString());
        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(indexedFiles()).isEqualTo(62);
        Ran status = run("status", "--path", repo.toString(), "--json");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out());
        assertThat(json.get("chunks").asInt()).as(status.out()).isPositive();
        Ran search = run("search", "--path", repo.toString(), "--mode", "dense", "how much does part 41 weigh");
        assertThat(search.exit()).as(search.err()).isZero();
        assertThat(search.out()).contains("src/Part41.java");
    }

    /**
     * Adds 60 small classes to the sample (62 files in all) and returns a config that writes 8 rows at a time, so
     * that a run records files early and has many left for a while.
     */
    private Path sixtyPartsInSmallBatches() throws IOException {
        for (int i = 0; i < 60; i++) {
            Files.writeString(repo.resolve("src/Part" + i + ".java"), "/** Part " + i + " of the sample. */\n"
                    + "public class Part" + i + " {\n    /** Weighs part " + i + ". */\n    public int weight" + i
                    + "() {\n        return " + i + " * 7;\n    }\n}\n");
        }
        Path config = home.resolve("small-batches.yaml");
        Files.writeString(config, "vector_store:\n  lucene:\n    batch_size: 8\n");
        return config;
    }

    /**
     * A non-empty file under the data dir whose name passes {@code test}, once {@code p} has written one; null if it
     * ends or two minutes pass first.
     */
    private Path awaitFile(Process p, java.util.function.Predicate<String> test) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            Path found = Files.isDirectory(home.resolve("data")) ? findFile(test, 1) : null;
            if (found != null) {
                return found;
            }
            Thread.sleep(20);
        }
        return null;
    }

    /** A file under the data dir whose name passes {@code test}, with at least {@code minBytes}; null if none. */
    private Path findFile(java.util.function.Predicate<String> test, long minBytes) throws IOException {
        try (var files = Files.walk(home.resolve("data"))) {
            return files.filter(f -> test.test(f.getFileName().toString())).filter(f -> {
                try {
                    return Files.size(f) >= minBytes;
                } catch (IOException e) {
                    return false; // removed while we looked
                }
            }).findFirst().orElse(null);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
