package dev.codeindexer.index;

import java.nio.file.Path;

/** Another process (or another job of this one) is writing the index; the message names it and what to do. */
public final class IndexLockedException extends IndexException {
    private final transient IndexLock.Owner owner;

    IndexLockedException(Path codebase, IndexLock.Owner owner) {
        super("the index of " + codebase + " is being written by " + (owner == null ? "another process" : owner)
                + "; wait for it to finish (index --wait waits), or stop it");
        this.owner = owner;
    }

    /** Who holds the lock, or null when it had not written its name yet. */
    public IndexLock.Owner owner() {
        return owner;
    }
}
