package dev.codeindexer.server;

import dev.codeindexer.index.Watcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 *
 * <p>An entry may name a git revision of a repository ({@code DIR@REV}, a branch or tag): its committed files are
 * unpacked under the data dir ({@code index --rev}) and indexed there, and when the revision moves to another
 * commit (checked every {@value #REVISION_POLL_SECONDS} s: one {@code git rev-parse}) that commit's tree is
 * unpacked and indexed. It shares the rows of the repository's other indexed trees, so only what changed is
 * embedded. Once that commit is indexed, the previous commit's tree and its index are removed (unless another
 * entry still follows that commit). Clients search it with the repository's path and {@code rev}.
 */
public final class KeptRepositories implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeptRepositories.class);
    /** How long a repository's files must be quiet before a change is indexed. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    private static final long TICK_MS = 500;
    private static final long REVISION_POLL_SECONDS = 5;

    /**
     * One entry of {@code server.repositories}: a checkout, or with {@code rev} a git revision of the repository
     * holding {@code dir}.
     */
    public record Kept(Path dir, String rev) {
        @Override
        public String toString() {
            return rev == null ? dir.toString() : dir + "@" + rev;
        }
    }

    private final IndexService service;
    private final List<Kept> kept;
    /** The repositories to index at the next tick: changed, due for refresh, or busy when last tried. */
    private final Set<Kept> due = ConcurrentHashMap.newKeySet();
    /** The tree last indexed for each revision entry: its commit's. */
    private final Map<Kept, Path> indexedTrees = new ConcurrentHashMap<>();
    /** Trees revision entries have left when their branches moved, each removed once its replacement's job succeeds. */
    private final Set<Retiring> retiring = ConcurrentHashMap.newKeySet();

    private record Retiring(Kept entry, Path tree, IndexJob replacement) {
    }
    private final List<Watcher> watchers = new ArrayList<>();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kept-repositories").factory());

    /**
     * Starts keeping the {@code kept} checkouts and revisions indexed.
     *
     * @param excludedDirectories directories whose changes are not edits (build output, dependencies), as the
     *                            walk skips them
     * @param refresh             how often every repository is indexed regardless; zero for never
     */
    public KeptRepositories(IndexService service, List<Kept> kept, Set<String> excludedDirectories, Duration refresh) {
        this.service = service;
        this.kept = List.copyOf(kept);
        try {
            for (Kept k : this.kept) {
                if (k.rev() == null) {
                    Watcher watcher = new Watcher(k.dir(), excludedDirectories, QUIET, changed -> due.add(k));
                    watchers.add(watcher);
                    Thread.ofVirtual().name("watch " + k.dir()).start(watcher::run);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        due.addAll(this.kept);
        ticks.scheduleWithFixedDelay(this::startDue, 0, TICK_MS, TimeUnit.MILLISECONDS);
        if (!refresh.isZero()) {
            ticks.scheduleWithFixedDelay(() -> due.addAll(this.kept), refresh.toMillis(), refresh.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (this.kept.stream().anyMatch(k -> k.rev() != null)) {
            ticks.scheduleWithFixedDelay(this::checkRevisions, REVISION_POLL_SECONDS, REVISION_POLL_SECONDS,
                    TimeUnit.SECONDS);
        }
    }

    /** Marks due every revision entry whose revision names another commit than the one last indexed. */
    private void checkRevisions() {
        for (Kept k : kept) {
            if (k.rev() == null) {
                continue;
            }
            try {
                Path tree = service.revisionTree(k.dir(), k.rev());
                if (!tree.equals(indexedTrees.get(k))) {
                    due.add(k);
                }
            } catch (RuntimeException e) {
                log.warn("cannot resolve {}: {}", k, e.getMessage());
            }
        }
    }

    /** Starts an incremental index job of every due repository that has none queued or running. */
    private void startDue() {
        retireLeftTrees();
        for (Kept k : List.copyOf(due)) {
            try {
                due.remove(k);
                Path root = k.rev() == null ? k.dir() : service.unpackRevision(k.dir(), k.rev());
                IndexJob job = service.startIndex(root, false);
                if (k.rev() != null) {
                    Path left = indexedTrees.put(k, root);
                    if (left != null && !left.equals(root)) {
                        retiring.add(new Retiring(k, left, job));
                    }
                }
            } catch (JobConflictException e) {
                due.add(k); // its job is still running: index it again once that one is done
            } catch (RuntimeException e) {
                log.warn("cannot start indexing {}: {}", k, e.getMessage());
            }
        }
    }

    /** Removes the trees revision entries have left, each once the job of its replacement has succeeded. */
    private void retireLeftTrees() {
        for (Retiring r : List.copyOf(retiring)) {
            IndexJob.State state = r.replacement().state();
            if (!state.finished()) {
                continue;
            }
            try {
                if (state == IndexJob.State.SUCCEEDED && !indexedTrees.containsValue(r.tree())) {
                    service.retireRevision(r.tree());
                }
                retiring.remove(r);
            } catch (JobConflictException busy) {
                // a job of the old tree still runs: the next tick tries again
            } catch (RuntimeException failure) {
                retiring.remove(r);
                log.warn("cannot remove {}, which {} has left: {}", r.tree(), r.entry(), failure.getMessage());
            }
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        watchers.forEach(Watcher::close);
    }
}
