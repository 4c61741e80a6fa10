package dev.codeindexer.server;

import dev.codeindexer.index.Watcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repositories a team server keeps indexed ({@code server.repositories}): each is indexed when the server
 * starts, again after its files change (a {@link Watcher} per repository, debounced), and every refresh period,
 * which catches what change events miss (network file systems, container mounts) at the cost of one walk of an
 * unchanged tree. The runs are the server's ordinary index jobs, so they show in {@code GET /api/jobs} and a
 * search during one answers from what is indexed so far. A repository whose job is still running when it changes
 * again is indexed once more after that job.
 */
public final class KeptRepositories implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeptRepositories.class);
    /** How long a repository's files must be quiet before a change is indexed. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final long TICK_MS = 500;

    private final IndexService service;
    private final List<Path> roots;
    /** The repositories to index at the next tick: changed, due for refresh, or busy when last tried. */
    private final Set<Path> due = ConcurrentHashMap.newKeySet();
    private final List<Watcher> watchers = new ArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kept-repositories").factory());

    /**
     * Starts keeping {@code roots} indexed.
     *
     * @param excludedDirectories directories whose changes are not edits (build output, dependencies), as the
     *                            walk skips them
     * @param refresh             how often every repository is indexed regardless; zero for never
     */
    public KeptRepositories(IndexService service, List<Path> roots, Set<String> excludedDirectories, Duration refresh) {
        this.service = service;
        this.roots = List.copyOf(roots);
        try {
            for (Path root : this.roots) {
                Watcher watcher = new Watcher(root, excludedDirectories, QUIET, changed -> due.add(root));
                watchers.add(watcher);
                Thread.ofVirtual().name("watch " + root).start(watcher::run);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        due.addAll(this.roots);
        ticks.scheduleWithFixedDelay(this::startDue, 0, TICK_MS, TimeUnit.MILLISECONDS);
        if (!refresh.isZero()) {
            ticks.scheduleWithFixedDelay(() -> due.addAll(this.roots), refresh.toMillis(), refresh.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Starts an incremental index job of every due repository that has none queued or running. */
    private void startDue() {
        for (Path root : List.copyOf(due)) {
            try {
                due.remove(root);
                service.startIndex(root, false);
            } catch (JobConflictException e) {
                due.add(root); // its job is still running: index it again once that one is done
            } catch (RuntimeException e) {
                log.warn("cannot start indexing {}: {}", root, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        watchers.forEach(Watcher::close);
    }
}
