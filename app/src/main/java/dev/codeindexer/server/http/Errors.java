package dev.codeindexer.server.http;

import dev.codeindexer.embed.EmbeddingException;
import dev.codeindexer.error.CallerError;
import dev.codeindexer.index.IndexException;
import dev.codeindexer.index.IndexLockedException;
import dev.codeindexer.index.NotIndexedException;
import dev.codeindexer.server.JobConflictException;
import dev.codeindexer.server.OutsideRootsException;
import dev.codeindexer.server.UnknownJobException;
import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.VectorStoreException;

/**
 * Turns a failure into the API's error: the status and code say what kind of problem it is, the message (the
 * exception's own, written to say what to do) says which. Only unexpected failures become a 500, whose message
 * is generic because it may carry internals; the log has the trace.
 */
final class Errors {
    private Errors() {
    }

    /** The API error for {@code e}, or null when it is unexpected (a 500). */
    static ApiException classify(RuntimeException e) {
        return switch (e) {
            case ApiException api -> api;
            case NotIndexedException n -> new ApiException(404, "not_indexed", n.getMessage());
            case CollectionNotFoundException n -> new ApiException(404, "not_indexed", n.getMessage());
            case UnknownJobException u -> new ApiException(404, "unknown_job", u.getMessage());
            case OutsideRootsException o -> new ApiException(403, "outside_roots", o.getMessage());
            case JobConflictException c -> new ApiException(409, "index_job_running", c.getMessage());
            case IndexLockedException l -> new ApiException(409, "index_locked", l.getMessage());
            case SchemaMismatchException m -> new ApiException(409, "schema_mismatch", m.getMessage());
            // Invalid input, a bad filter, a config value, duplicate ids: the caller can fix the request.
            case CallerError c -> ApiException.badRequest(e.getMessage());
            case StoreConnectionException s -> new ApiException(503, "store_unavailable", s.getMessage());
            case VectorStoreException s -> new ApiException(503, "store_error", s.getMessage());
            case EmbeddingException m -> new ApiException(503, "embedding_unavailable", m.getMessage());
            // The index exists but cannot serve this request as it is (built with another model, corrupt manifest).
            case IndexException i -> new ApiException(409, "index_unusable", i.getMessage());
            // IllegalArgumentException and the rest are our own failures: a 500, with the trace in the log.
            default -> null;
        };
    }

    static ApiException internal() {
        return new ApiException(500, "internal", "the server failed to handle the request; its log says why");
    }
}
