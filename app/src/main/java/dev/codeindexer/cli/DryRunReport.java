package dev.codeindexer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.index.DryRun;
import dev.codeindexer.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** {@code index --dry-run}: runs {@link DryRun} on a command's codebase and prints what it found. */
final class DryRunReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DryRunReport() {
    }

    static void print(PrintWriter out, Workspace ws, boolean json) {
        Path root = ws.location().codebase();
        DryRun.Report r = ws.dryRun();
        if (json) {
            try {
                out.println(JSON.writeValueAsString(r));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "Dry run of %s (nothing written)%n", Printable.field(root.toString()));
        out.printf(Locale.ROOT, "  %d files, %d chunks, %d tokens%n", r.files(), r.chunks(), r.tokens());
        r.byLanguage().forEach((language, c) -> out.printf(Locale.ROOT, "    %-12s %6d files %8d chunks %10d tokens%n",
                language, c.files(), c.chunks(), c.tokens()));
        if (!r.skipped().isEmpty()) {
            out.println("  skipped: " + r.skipped());
        }
        if (!r.leftOut().isEmpty()) {
            long more = r.skipped().getOrDefault("excluded", 0L) - r.leftOut().size();
            out.println("  left out by the built-in exclusions: " + Printable.field(String.join(", ", r.leftOut()))
                    + (more > 0 ? " and " + more + " more" : ""));
        }
        out.printf(Locale.ROOT, "  time: about %s in all, embedding about %s at %.1f chunks/s measured here; "
                        + "index about %.1f MB%n", duration(r.estimatedSeconds()),
                duration(r.estimatedEmbeddingSeconds()), r.chunksPerSecond(), r.estimatedIndexBytes() / 1e6);
        for (DryRun.Warning w : r.warnings()) {
            out.println("  warning: " + w.problem() + (w.files() > 1 ? " (" + w.files() + " files)" : "")
                    + (w.example() == null ? "" : ", e.g. " + Printable.field(w.example()))
                    + (w.ignoreRule() == null ? "" : "; to leave it out, add '" + Printable.field(w.ignoreRule())
                    + "' to " + Printable.field(root.resolve(".codeindexerignore").toString())));
        }
        out.flush();
    }

    private static String duration(long seconds) {
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? (seconds + 59) / 60 + " min"
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    /** Files git tracks under {@code root}, or null when it is no repository (or git is missing). */
    static Long gitTracked(Path root) {
        if (!Files.exists(root.resolve(".git"))) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String listing = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return listing.chars().filter(ch -> ch == 0).count();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
