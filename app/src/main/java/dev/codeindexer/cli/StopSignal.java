package dev.codeindexer.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command (serve, mcp, index --watch) ends on Ctrl-C: the JVM's shutdown hook runs the stop
 * action (by default, interrupting the command's thread), then waits for the command to close what it opened (the
 * store commits its last writes), at most {@value #GRACE_SECONDS} s. Open it before anything it must outlive.
 */
final class StopSignal implements AutoCloseable {
    static final int GRACE_SECONDS = 30;

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private volatile Runnable action;

    StopSignal() {
        Thread owner = Thread.currentThread();
        action = owner::interrupt;
        hook = new Thread(this::stop, "code-indexer-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Replaces the stop action, e.g. with closing a watcher so that a re-index in progress can finish first. */
    void onStop(Runnable newAction) {
        action = newAction;
    }

    private void stop() {
        action.run();
        try {
            closed.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running, and the count-down above lets it finish.
        }
    }
}
