package dev.codeindexer.error;

/**
 * Marks a failure caused by what the caller asked for (an option, a request field, a config value, a filter),
 * which the caller can fix by changing it: exit code 2 on the command line, HTTP 4xx, an MCP {@code isError}
 * answer. Every other exception is ours to fix (exit 1, HTTP 500, details in the log). A marker rather than a base
 * class, so that a store's {@code InvalidFilterException} can stay a {@code VectorStoreException} as well.
 */
public interface CallerError {
}
