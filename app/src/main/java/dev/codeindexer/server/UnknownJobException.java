package dev.codeindexer.server;

/** No index job has this id (ids are not kept across restarts, and only the latest finished jobs are kept). */
public final class UnknownJobException extends RuntimeException {
    public UnknownJobException(String id) {
        super("no index job '" + id + "'; GET /api/jobs lists the known ones");
    }
}
