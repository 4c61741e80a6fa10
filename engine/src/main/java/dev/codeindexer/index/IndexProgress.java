package dev.codeindexer.index;

/**
 * A snapshot of a running index, for progress displays. A run stores the chunks of new and changed files (with the
 * model's vectors, or first with stand-ins so that they are found lexically at once), then embeds what it stored
 * without them.
 *
 * @param phase          {@code complete} (storing with vectors), {@code lexical} (storing, vectors to come) or
 *                       {@code embedding}
 * @param filesDone      changed files read and chunked so far
 * @param filesTotal     changed files to read in this run
 * @param chunks         chunks of those files read so far
 * @param chunksEmbedded chunks given the model's vectors so far
 * @param chunksToEmbed  chunks the embedding phase has to embed; -1 until it starts
 * @param millis         time since the run started
 * @param phaseMillis    time since the embedding phase started (0 before)
 */
public record IndexProgress(String phase, long filesDone, long filesTotal, long chunks, long chunksEmbedded,
                            long chunksToEmbed, long millis, long phaseMillis) {
    public static final IndexProgress NONE = new IndexProgress("complete", 0, 0, 0, 0, -1, 0, 0);

    /** Chunks embedded per second, over the phase that embeds. */
    public double chunksPerSecond() {
        long over = "embedding".equals(phase) ? phaseMillis : millis;
        return over == 0 ? 0 : chunksEmbedded * 1000.0 / over;
    }

    /**
     * Estimated milliseconds left: while embedding, from the embedding rate so far; while storing, from the file
     * rate (plus the embedding still to come, unknown: -1 when nothing is known yet).
     */
    public long etaMillis() {
        if ("embedding".equals(phase)) {
            return chunksEmbedded == 0 ? -1 : (long) ((double) phaseMillis / chunksEmbedded * (chunksToEmbed - chunksEmbedded));
        }
        return filesDone == 0 ? -1 : (long) ((double) millis / filesDone * (filesTotal - filesDone));
    }

    /** Fraction of this run's work done, 0..1: files while storing, chunks while embedding. */
    public double fraction() {
        if ("embedding".equals(phase)) {
            return chunksToEmbed <= 0 ? 1 : (double) chunksEmbedded / chunksToEmbed;
        }
        return filesTotal == 0 ? 1 : (double) filesDone / filesTotal;
    }
}
