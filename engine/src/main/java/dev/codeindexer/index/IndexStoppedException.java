package dev.codeindexer.index;

/**
 * An index run stopped on request (Ctrl-C, SIGTERM) between two files or two embedding calls. What it wrote is
 * recorded as after any interruption, so the next run continues from there without duplicates.
 */
public final class IndexStoppedException extends IndexException {
    public IndexStoppedException() {
        super("indexing stopped before it finished; run it again to continue where it stopped");
    }
}
