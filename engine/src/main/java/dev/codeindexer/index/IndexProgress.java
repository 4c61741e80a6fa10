package dev.codeindexer.index;

/**
 * A snapshot of a running index, for progress displays.
 *
 * @param filesDone  changed files processed so far
 * @param filesTotal changed files to process in this run
 * @param chunks     chunks stored so far
 * @param millis     time since the run started
 */
public record IndexProgress(long filesDone, long filesTotal, long chunks, long millis) {
    public double chunksPerSecond() {
        return millis == 0 ? 0 : chunks * 1000.0 / millis;
    }

    /** Estimated milliseconds left, from the file rate so far; -1 when unknown. */
    public long etaMillis() {
        return filesDone == 0 ? -1 : (long) ((double) millis / filesDone * (filesTotal - filesDone));
    }
}
