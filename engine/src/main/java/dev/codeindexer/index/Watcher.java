package dev.codeindexer.index;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches a codebase for changes and reports them in debounced batches: the first event of a batch opens it, and
 * it is delivered once the tree has been quiet for the quiet period, so a save that writes a file in three steps or
 * a {@code git checkout} of hundreds of files costs one re-index, not hundreds. A batch that never falls quiet is
 * delivered after at most 4 quiet periods (10 s at least).
 *
 * <p>{@link WatchService} watches single directories, so every directory is registered, and a directory created
 * later is registered (with its subdirectories) when its creation is seen. Files created inside it before that are
 * not lost: the listener re-runs the incremental indexer, which walks the whole tree. Directories whose name is in
 * {@code excludedDirectories} (build output, VCS state) are not watched, so a build does not trigger re-indexing.
 *
 * <p>{@link #run()} blocks until {@link #close()} is called from another thread or the thread is interrupted; both
 * end it normally. An exception thrown by the listener ends it too and propagates.
 */
public final class Watcher implements AutoCloseable {
    /** The longest a batch of changes waits for quiet before it is delivered regardless. */
    private static final Duration MIN_MAX_BATCH_AGE = Duration.ofSeconds(10);

    private final Path root;
    private final Set<String> excludedDirectories;
    private final Duration quiet;
    private final Duration maxBatchAge;
    private final Consumer<Set<Path>> listener;
    private final WatchService service;
    private final Map<WatchKey, Path> keys = new HashMap<>();

    /**
     * Opens the watch service and registers the tree under {@code root}.
     *
     * @param listener receives the absolute paths that changed in one batch (created, modified or deleted files
     *                 and directories; the root itself when events were lost to an overflow)
     * @throws IndexException if {@code root} is not a directory or cannot be watched
     */
    public Watcher(Path root, Set<String> excludedDirectories, Duration quiet, Consumer<Set<Path>> listener) {
        this.root = root.toAbsolutePath().normalize();
        this.excludedDirectories = Set.copyOf(excludedDirectories);
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("the quiet period must not be negative, got " + quiet);
        }
        this.quiet = quiet;
        this.maxBatchAge = quiet.multipliedBy(4).compareTo(MIN_MAX_BATCH_AGE) > 0 ? quiet.multipliedBy(4) : MIN_MAX_BATCH_AGE;
        this.listener = listener;
        if (!Files.isDirectory(this.root)) {
            throw new IndexException(root + " is not a directory; give the root of the codebase to watch");
        }
        try {
            this.service = this.root.getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new IndexException("cannot watch " + root + " (" + e.getMessage() + ")", e);
        }
        try {
            registerTree(this.root);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** How many directories are watched now; for tests and diagnostics. */
    public synchronized int watchedDirectories() {
        return keys.size();
    }

    /** Delivers batches of changes until closed or interrupted. */
    public void run() {
        try {
            while (true) {
                Set<Path> batch = new LinkedHashSet<>();
                drain(service.take(), batch);
                // Debounce: keep collecting until nothing has happened for the quiet period, but deliver a batch
                // that has been open for maxBatchAge anyway, so an endless trickle of writes cannot starve the index.
                long opened = System.nanoTime();
                WatchKey next = poll();
                while (next != null) {
                    drain(next, batch);
                    next = System.nanoTime() - opened < maxBatchAge.toNanos() ? poll() : null;
                }
                if (!batch.isEmpty()) {
                    listener.accept(Set.copyOf(batch));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // close() was called: the normal way to stop.
        }
    }

    private WatchKey poll() throws InterruptedException {
        return service.poll(Math.max(quiet.toMillis(), 1), TimeUnit.MILLISECONDS);
    }

    private void drain(WatchKey key, Set<Path> batch) {
        Path dir;
        synchronized (this) {
            dir = keys.get(key);
        }
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW || dir == null) {
                batch.add(root); // events were lost: the indexer's walk finds whatever changed
                continue;
            }
            Path changed = dir.resolve((Path) event.context());
            batch.add(changed);
            if (event.kind() == ENTRY_CREATE && Files.isDirectory(changed, LinkOption.NOFOLLOW_LINKS)) {
                registerTree(changed);
            }
        }
        if (!key.reset()) {
            synchronized (this) {
                keys.remove(key); // the directory is gone
            }
        }
    }

    private void registerTree(Path start) {
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root) && excludedDirectories.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
                    synchronized (Watcher.this) {
                        keys.put(key, dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // deleted while we walked: its deletion event follows
                    }
                    throw e;
                }
            });
        } catch (NoSuchFileException e) {
            // A directory created and removed again before we got to it: nothing to watch.
        } catch (ClosedWatchServiceException e) {
            throw e;
        } catch (IOException e) {
            throw new IndexException("cannot watch " + start + " (" + e.getMessage() + "); is it readable?", e);
        }
    }

    /** Stops {@link #run()} and releases the watch service; idempotent and callable from any thread. */
    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            throw new IndexException("closing the watch service of " + root + " failed (" + e.getMessage() + ")", e);
        }
    }
}
