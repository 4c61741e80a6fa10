package dev.codeindexer.server;

import dev.codeindexer.index.IndexException;
import dev.codeindexer.index.IndexReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs index jobs in the background, one at a time: indexing keeps every core busy embedding, so two runs at once
 * would only slow each other down (and searches with them). At most one job per codebase is queued or running;
 * finished jobs are kept, the latest {@value #KEEP_FINISHED}, so clients can read how they ended.
 */
public final class IndexJobs implements AutoCloseable {
    static final int KEEP_FINISHED = 100;
    private static final Logger LOG = LoggerFactory.getLogger(IndexJobs.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("code-indexer-index-job").daemon().factory());
    private final IndexMetrics metrics;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, IndexJob> all = new LinkedHashMap<>();
    private final Map<Path, IndexJob> active = new HashMap<>();

    public IndexJobs(IndexMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Queues an index run of {@code root}.
     *
     * @param work the run itself, given the job to report progress to
     * @throws JobConflictException if a job of {@code root} is queued or running already
     */
    public synchronized IndexJob submit(Path root, boolean full, Function<IndexJob, IndexReport> work) {
        IndexJob running = active.get(root);
        if (running != null) {
            throw new JobConflictException("index job " + running.id() + " of " + root + " is " 
                    + running.state().name().toLowerCase(java.util.Locale.ROOT) + "; poll it instead of starting another",
                    running);
        }
        IndexJob job = new IndexJob(Long.toString(ids.incrementAndGet()), root, full);
        all.put(job.id(), job);
        active.put(root, job);
        forgetOldJobs();
        metrics.jobQueued();
        executor.execute(() -> run(job, work));
        return job;
    }

    private void run(IndexJob job, Function<IndexJob, IndexReport> work) {
        job.started();
        long start = System.nanoTime();
        try {
            IndexReport report = work.apply(job);
            job.succeeded(report);
            metrics.jobFinished(job.state(), report, System.nanoTime() - start);
        } catch (IndexException e) {
            if (Thread.currentThread().isInterrupted()) {
                job.cancelled("the server stopped while indexing; the next run completes the index");
            } else {
                LOG.warn("index job {} of {} failed: {}", job.id(), job.root(), e.getMessage(), e);
                job.failed(e.getMessage());
            }
            metrics.jobFinished(job.state(), null, System.nanoTime() - start);
        } catch (RuntimeException | Error e) {
            // Any failure ends up in the job's status, where the client polls for it, and in the log with its trace;
            // an Error too (a bug of ours, a missing class), or the job would show "running" for ever.
            LOG.warn("index job {} of {} failed", job.id(), job.root(), e);
            job.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            metrics.jobFinished(job.state(), null, System.nanoTime() - start);
        } finally {
            synchronized (this) {
                active.remove(job.root(), job);
            }
        }
    }

    private void forgetOldJobs() {
        long finished = all.values().stream().filter(j -> j.state().finished()).count();
        var it = all.values().iterator();
        while (finished > KEEP_FINISHED && it.hasNext()) {
            if (it.next().state().finished()) {
                it.remove();
                finished--;
            }
        }
    }

    /** @throws UnknownJobException if there is no such job */
    public synchronized IndexJob get(String id) {
        IndexJob job = all.get(id);
        if (job == null) {
            throw new UnknownJobException(id);
        }
        return job;
    }

    /** The queued or running job of {@code root}, or null. */
    public synchronized IndexJob active(Path root) {
        return active.get(root);
    }

    /** The most recent job of {@code root}, finished or not, or null. */
    public synchronized IndexJob latest(Path root) {
        IndexJob latest = null;
        for (IndexJob j : all.values()) {
            if (j.root().equals(root)) {
                latest = j;
            }
        }
        return latest;
    }

    public synchronized List<IndexJob> list() {
        return new ArrayList<>(all.values());
    }

    /**
     * Stops: interrupts a running job (the indexer is crash-safe, so the next run completes the index) and waits
     * a bounded time for it to let go of the store.
     */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("an index job did not stop within 30 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            for (IndexJob j : all.values()) {
                if (!j.state().finished()) {
                    j.cancelled("the server stopped before this job ran");
                }
            }
        }
    }
}
