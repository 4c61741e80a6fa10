package dev.codeindexer.cli;

import dev.codeindexer.index.IndexProgress;
import java.io.PrintWriter;
import java.time.Duration;

/** A one-line progress display on a terminal, redrawn at most every 200 ms; silent when not on a terminal. */
final class Progress {
    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress forTerminal(PrintWriter err, boolean isTerminal) {
        return new Progress(err, isTerminal);
    }

    void update(IndexProgress p) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 200_000_000L && p.filesDone() < p.filesTotal()) {
            return;
        }
        lastDraw = now;
        long eta = p.etaMillis();
        err.printf("\rfiles %d/%d  chunks %d  %.1f chunks/s  ETA %s   ", p.filesDone(), p.filesTotal(), p.chunks(),
                p.chunksPerSecond(), eta < 0 ? "?" : format(Duration.ofMillis(eta)));
        err.flush();
        drawn = true;
    }

    void done() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
