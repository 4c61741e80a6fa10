package dev.codeindexer.server;

import dev.codeindexer.error.CallerError;

/** A server was asked to index or read a codebase outside {@code server.roots}; HTTP 403, an MCP error. */
public final class OutsideRootsException extends RuntimeException implements CallerError {
    OutsideRootsException(String message) {
        super(message);
    }
}
