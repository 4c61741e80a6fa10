package dev.codeindexer.server;

import java.nio.file.Path;

/** A search, status or delete named a codebase that has no index (yet); the message says how to build one. */
public final class NotIndexedException extends RuntimeException {
    public NotIndexedException(Path root) {
        super("no index of " + root + "; index it first (POST /api/index, the index_codebase tool, or: code-indexer index "
                + root + ")");
    }
}
