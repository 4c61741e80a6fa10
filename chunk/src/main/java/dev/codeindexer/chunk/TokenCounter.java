package dev.codeindexer.chunk;

/**
 * Counts the tokens a text costs the embedding model, so chunks can be kept under its input limit. Plug in the
 * model's tokenizer when it is known; {@link #heuristic()} is a cheap stand-in.
 *
 * <p>Implementations must be thread-safe. The count of a text should not be much less than the sum of its lines'
 * counts; windows are sized from per-line counts and then checked against the whole.
 */
@FunctionalInterface
public interface TokenCounter {

    /** Number of tokens {@code text} costs; never negative. */
    int count(CharSequence text);

    /**
     * A stable name for this counter, part of the chunker's {@link Chunker#fingerprint() fingerprint}: an index
     * built with another counter has other chunks. Override it in real implementations.
     */
    default String id() {
        return getClass().getName();
    }

    /**
     * Counts each run of letters and digits as one token per four characters (rounded up) and every other
     * non-blank character as one token; whitespace is free. Sub-word tokenizers split code identifiers into a few
     * pieces and give most punctuation a token of its own, which this follows closely enough for budgeting.
     */
    static TokenCounter heuristic() {
        return HeuristicTokenCounter.INSTANCE;
    }
}
