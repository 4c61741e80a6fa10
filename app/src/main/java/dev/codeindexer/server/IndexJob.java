package dev.codeindexer.server;

import dev.codeindexer.index.IndexProgress;
import dev.codeindexer.index.IndexReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One background indexing run of one codebase. Its state is written by the job's thread and read by any request
 * thread, so every read goes through {@link #status()}, a consistent snapshot.
 */
public final class IndexJob {
    /** Where a job is in its life. */
    public enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean finished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /**
     * A snapshot of a job, as the API and the MCP tools show it.
     *
     * @param filesDone  changed files processed so far (unchanged files are not counted: they cost nothing)
     * @param filesTotal changed files this run has to process; 0 until the walk has found them
     * @param chunks     chunks of changed files read so far
     * @param phase      {@code lexical} (storing chunks, found lexically at once), {@code embedding} (giving them
     *                   the model's vectors) or {@code complete} (both in one pass, as rebuilds and older indexes do)
     * @param chunksEmbedded chunks given the model's vectors so far
     * @param chunksToEmbed  chunks the embedding phase has to embed; -1 until it starts
     * @param etaSeconds estimated seconds left in the phase, -1 when unknown
     * @param errors     what went wrong; empty unless the job failed
     * @param report     the run's report once it succeeded, else null
     */
    public record Status(String id, String path, boolean full, State state, long filesDone, long filesTotal,
                         long chunks, String phase, long chunksEmbedded, long chunksToEmbed, long etaSeconds,
                         List<String> errors, IndexReport report, String createdAt, String startedAt,
                         String finishedAt) {
    }

    private final String id;
    private final Path root;
    private final boolean full;
    private final Instant created = Instant.now();
    private State state = State.QUEUED;
    private IndexProgress progress = IndexProgress.NONE;
    private IndexReport report;
    private String error;
    private Instant started;
    private Instant finished;

    IndexJob(String id, Path root, boolean full) {
        this.id = id;
        this.root = root;
        this.full = full;
    }

    public String id() {
        return id;
    }

    public Path root() {
        return root;
    }

    public synchronized State state() {
        return state;
    }

    public synchronized Status status() {
        long eta = state == State.RUNNING ? progress.etaMillis() : state == State.QUEUED ? -1 : 0;
        return new Status(id, root.toString(), full, state, progress.filesDone(), progress.filesTotal(),
                progress.chunks(), progress.phase(), progress.chunksEmbedded(), progress.chunksToEmbed(),
                eta < 0 ? -1 : (eta + 999) / 1000, error == null ? List.of() : List.of(error), report, created.toString(),
                started == null ? null : started.toString(), finished == null ? null : finished.toString());
    }

    synchronized void started() {
        state = State.RUNNING;
        started = Instant.now();
    }

    synchronized void progress(IndexProgress p) {
        progress = p;
    }

    synchronized void succeeded(IndexReport r) {
        report = r;
        progress = new IndexProgress(progress.phase(), progress.filesTotal(), progress.filesTotal(),
                r.chunksWritten(), progress.chunksEmbedded(), progress.chunksToEmbed(), r.millis(),
                progress.phaseMillis());
        finish(State.SUCCEEDED);
    }

    synchronized void failed(String message) {
        error = message;
        finish(State.FAILED);
    }

    synchronized void cancelled(String reason) {
        error = reason;
        finish(State.CANCELLED);
    }

    private void finish(State s) {
        state = s;
        finished = Instant.now();
    }
}
