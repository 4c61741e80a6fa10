package dev.codeindexer.chunk;

import java.util.Objects;

/**
 * How chunks are sized.
 *
 * @param maxTokens     the most tokens one chunk's content may cost (header line included); larger entities are
 *                      split into windows
 * @param overlapLines  how many lines consecutive windows share
 * @param tokenCounter  how tokens are counted
 */
public record ChunkerOptions(int maxTokens, int overlapLines, TokenCounter tokenCounter) {

    public static final int DEFAULT_MAX_TOKENS = 400;
    public static final int DEFAULT_OVERLAP_LINES = 3;

    public ChunkerOptions {
        Objects.requireNonNull(tokenCounter, "tokenCounter");
        if (maxTokens < 32) {
            throw new IllegalArgumentException("maxTokens must be at least 32, got " + maxTokens);
        }
        if (overlapLines < 0 || overlapLines > 50) {
            throw new IllegalArgumentException("overlapLines must be within 0..50, got " + overlapLines);
        }
    }

    /** 400 tokens, 3 lines of overlap, {@link TokenCounter#heuristic()}. */
    public static ChunkerOptions defaults() {
        return new ChunkerOptions(DEFAULT_MAX_TOKENS, DEFAULT_OVERLAP_LINES, TokenCounter.heuristic());
    }

    public ChunkerOptions withMaxTokens(int value) {
        return new ChunkerOptions(value, overlapLines, tokenCounter);
    }

    public ChunkerOptions withOverlapLines(int value) {
        return new ChunkerOptions(maxTokens, value, tokenCounter);
    }

    public ChunkerOptions withTokenCounter(TokenCounter value) {
        return new ChunkerOptions(maxTokens, overlapLines, value);
    }
}
