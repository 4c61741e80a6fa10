package dev.codeindexer.chunk;

/**
 * The chunker cannot work at all: a tree-sitter grammar failed to load or is incompatible with the runtime. Malformed
 * source never raises this; it still yields chunks.
 */
public class ChunkerException extends RuntimeException {

    public ChunkerException(String message) {
        super(message);
    }

    public ChunkerException(String message, Throwable cause) {
        super(message, cause);
    }
}
