package dev.codeindexer.cli;

import dev.codeindexer.index.IndexProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of an index run on stderr. On a terminal, a bar redrawn at most every 200 ms, with the rate and the
 * time left; elsewhere (logs, CI) a plain line every {@value #LINE_SECONDS} s of a long run, and one when every file
 * has become searchable lexically and embedding starts.
 */
final class Progress {
    private static final int BAR = 24;
    private static final long LINE_SECONDS = 10;
    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier clock;
    private long lastDraw;
    private long lastLine;
    private String phase = "";
    private boolean drawn;

    private Progress(PrintWriter err, boolean terminal, LongSupplier clock) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        this.lastLine = clock.getAsLong();
    }

    static Progress forTerminal(PrintWriter err, boolean isTerminal) {
        return new Progress(err, isTerminal, System::nanoTime);
    }

    /** For tests: a display whose time is {@code clock} (nanoseconds). */
    static Progress withClock(PrintWriter err, boolean isTerminal, LongSupplier clock) {
        return new Progress(err, isTerminal, clock);
    }

    void update(IndexProgress p) {
        long now = clock.getAsLong();
        boolean newPhase = !p.phase().equals(phase);
        phase = p.phase();
        if (terminal) {
            if (newPhase || now - lastDraw >= 200_000_000L) {
                lastDraw = now;
                err.print("\r" + line(p) + "\033[K");
                err.flush();
                drawn = true;
            }
            return;
        }
        boolean embeddingStarts = newPhase && "embedding".equals(p.phase()) && p.chunksToEmbed() > 0;
        if (embeddingStarts || now - lastLine >= LINE_SECONDS * 1_000_000_000L) {
            lastLine = now;
            err.println("index: " + line(p));
            err.flush();
        }
    }

    /** One line of progress: bar, counts, rate and time left. */
    static String line(IndexProgress p) {
        double f = Math.max(0, Math.min(1, p.fraction()));
        int full = (int) Math.round(f * BAR);
        String bar = "[" + "#".repeat(full) + ".".repeat(BAR - full) + "] " + String.format(Locale.ROOT, "%3d%%", Math.round(f * 100));
        long eta = p.etaMillis();
        // While storing for a lexical-first run, the embedding still to come is unknown: no ETA rather than a wrong one.
        String left = eta < 0 || "lexical".equals(p.phase()) ? "" : "  ETA " + format(Duration.ofMillis(eta));
        if ("embedding".equals(p.phase())) {
            return String.format(Locale.ROOT, "%s embedding %d/%d chunks  %.1f chunks/s%s  (all %d files searchable by words and names)",
                    bar, p.chunksEmbedded(), p.chunksToEmbed(), p.chunksPerSecond(), left, p.filesTotal());
        }
        String rate = "complete".equals(p.phase()) ? String.format(Locale.ROOT, "  %.1f chunks/s", p.chunksPerSecond()) : "";
        return String.format(Locale.ROOT, "%s %s %d/%d files  %d chunks%s%s", bar,
                "lexical".equals(p.phase()) ? "storing" : "indexing", p.filesDone(), p.filesTotal(), p.chunks(), rate,
                left);
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
