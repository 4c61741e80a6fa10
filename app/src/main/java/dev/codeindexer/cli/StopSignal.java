package dev.codeindexer.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * How a long-running command (serve, mcp, index) ends. Ctrl-C or SIGTERM is the way to say "done": it runs the stop
 * action (by default, interrupting the command's thread), the command closes what it opened (the store commits its
 * last writes) and returns, and the process exits as after any finished command; a second signal exits at once
 * (130, 143). Both are handled here rather than by the JVM's shutdown, because shutdown hooks run beside the
 * command: ONNX Runtime's would release its environment under a model call still running. Any other end
 * (System.exit) goes through the JVM's shutdown hook, which runs the same stop action and waits for the command to
 * close, at most {@value #GRACE_SECONDS} s. Open it before anything it must outlive.
 */
final class StopSignal implements AutoCloseable {
    static final int GRACE_SECONDS = 30;
    private static final Signal INTERRUPT = new Signal("INT");
    private static final Signal TERMINATE = new Signal("TERM");

    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;
    private final SignalHandler previous;
    private final SignalHandler previousTerminate;
    private volatile Runnable action;

    StopSignal() {
        Thread owner = Thread.currentThread();
        action = owner::interrupt;
        hook = new Thread(this::stop, "code-indexer-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // The JVM's own Ctrl-C handling starts the shutdown with exit status 130, which reads as a failure to the
        // shell and to scripts; this handler stops the command instead, once.
        previous = Signal.handle(INTERRUPT, this::signalled);
        previousTerminate = Signal.handle(TERMINATE, this::signalled);
    }

    private void signalled(Signal signal) {
        Signal.handle(INTERRUPT, previous);
        Signal.handle(TERMINATE, previousTerminate);
        action.run();
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
        Signal.handle(INTERRUPT, previous);
        Signal.handle(TERMINATE, previousTerminate);
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is running, and the count-down above lets it finish.
        }
    }
}
