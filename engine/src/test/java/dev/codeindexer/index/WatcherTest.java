package dev.codeindexer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatcherTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path root;

    private final BlockingQueue<Set<Path>> batches = new LinkedBlockingQueue<>();
    private Watcher watcher;
    private Thread thread;

    private void start() {
        watcher = new Watcher(root, Set.of("target"), QUIET, batches::add);
        thread = Thread.ofPlatform().name("watcher-test").start(watcher::run);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (watcher != null) {
            watcher.close();
            thread.join(5_000);
            assertThat(thread.isAlive()).as("run() returns after close()").isFalse();
        }
    }

    /** Collects batches until {@code expected} has been seen, or fails after a bounded wait. */
    private Set<Path> awaitPaths(Path... expected) throws InterruptedException {
        Set<Path> seen = new HashSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!seen.containsAll(List.of(expected))) {
            Set<Path> batch = batches.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(batch).as("a change batch with %s within %d s (seen %s)", List.of(expected), WAIT_SECONDS, seen)
                    .isNotNull();
            seen.addAll(batch);
        }
        return seen;
    }

    @Test
    void reportsCreatedModifiedAndDeletedFiles() throws Exception {
        Path a = Files.writeString(root.resolve("A.java"), "class A {}");
        start();
        Files.writeString(a, "class A { void run() {} }");
        Path b = Files.writeString(root.resolve("B.java"), "class B {}");
        awaitPaths(a, b);
        Files.delete(a);
        awaitPaths(a);
    }

    @Test
    void burstsOfChangesArriveAsOneDebouncedBatch() throws Exception {
        start();
        Path[] files = new Path[20];
        for (int i = 0; i < files.length; i++) {
            files[i] = Files.writeString(root.resolve("F" + i + ".java"), "class F" + i + " {}");
        }
        Set<Path> first = batches.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(first).as("one batch for a burst written well within the quiet period").contains(files);
    }

    @Test
    void watchesDirectoriesCreatedAfterStart() throws Exception {
        start();
        Path dir = Files.createDirectories(root.resolve("src/main"));
        awaitPaths(root.resolve("src"));
        batches.clear();
        Path late = Files.writeString(dir.resolve("Late.java"), "class Late {}");
        awaitPaths(late);
        assertThat(watcher.watchedDirectories()).isEqualTo(3);
    }

    @Test
    void excludedDirectoriesAreNotWatched() throws Exception {
        Files.createDirectories(root.resolve("target/classes"));
        Files.createDirectories(root.resolve("src"));
        start();
        assertThat(watcher.watchedDirectories()).isEqualTo(2);
        Files.writeString(root.resolve("target/classes/X.class"), "x");
        Path real = Files.writeString(root.resolve("src/Y.java"), "class Y {}");
        Set<Path> seen = awaitPaths(real);
        assertThat(seen).doesNotContain(root.resolve("target/classes/X.class"));
    }

    @Test
    void stopsWhenItsThreadIsInterrupted() throws Exception {
        start();
        thread.interrupt();
        thread.join(5_000);
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void listenerFailuresEndTheWatchAndPropagate() throws Exception {
        Throwable[] failure = new Throwable[1];
        watcher = new Watcher(root, Set.of(), QUIET, paths -> {
            throw new IndexException("store unavailable");
        });
        thread = Thread.ofPlatform().start(() -> {
            try {
                watcher.run();
            } catch (IndexException e) {
                failure[0] = e;
            }
        });
        Files.writeString(root.resolve("C.java"), "class C {}");
        thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(failure[0]).hasMessage("store unavailable");
    }

    @Test
    void refusesARootThatIsNotADirectory() throws Exception {
        Path file = Files.writeString(root.resolve("f.txt"), "x");
        assertThatThrownBy(() -> new Watcher(file, Set.of(), QUIET, p -> { }))
                .isInstanceOf(IndexException.class).hasMessageContaining("is not a directory");
    }
}
