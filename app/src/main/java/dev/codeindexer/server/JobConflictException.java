package dev.codeindexer.server;

/** The request would race an index job of the same codebase that is queued or running. */
public final class JobConflictException extends RuntimeException {
    private final IndexJob job;

    public JobConflictException(String message, IndexJob job) {
        super(message);
        this.job = job;
    }

    /** The job in the way. */
    public IndexJob job() {
        return job;
    }
}
