package dev.codeindexer.index;

import dev.codeindexer.error.CallerError;
import java.nio.file.Path;

/**
 * A read (search, status, delete, symbols, outline, grep) named a codebase that has no index: the caller's mistake,
 * which they fix by indexing it (CLI exit 2, HTTP 404 {@code not_indexed}, an MCP error). Thrown before anything is
 * opened or created, so asking about an unknown path leaves no trace.
 */
public final class NotIndexedException extends IndexException implements CallerError {
    public NotIndexedException(Path codebase) {
        super("no index of " + codebase + "; index it first: code-indexer index " + codebase
                + " (on a server: POST /api/index or the MCP tool index_codebase)");
    }
}
