package dev.codeindexer.embed.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** ONNX Runtime sessions set up the one way every in-process model runs. */
final class OnnxSessions {
    private OnnxSessions() {
    }

    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    /** Older than this, an empty extraction directory is no other process's work in progress. */
    private static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    /** A session over model bytes already in memory (a built-in model read from its jar). */
    static OrtSession fromBytes(byte[] model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = options(threads)) {
            return environment().createSession(model, options);
        }
    }

    /**
     * A session over a model file; loaded by path so that ONNX Runtime finds external weights stored beside it
     * (a model over 2 GB keeps them in a separate file).
     */
    static OrtSession fromFile(Path model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = options(threads)) {
            return environment().createSession(model.toString(), options);
        }
    }

    /**
     * ONNX Runtime's environment, after removing what earlier processes left of it: its loader extracts the native
     * libraries into a new {@code onnxruntime-java*} directory under the temp dir in every process and leaves the
     * directory behind, emptied, so that a CLI run many times (by an agent, a script) would fill the temp dir with
     * them. Once per process, empty ones older than {@link #LEFTOVER_AGE} are removed.
     */
    private static OrtEnvironment environment() {
        if (SWEPT.compareAndSet(false, true)) {
            removeLeftovers(Path.of(System.getProperty("java.io.tmpdir")), Instant.now().minus(LEFTOVER_AGE));
        }
        return OrtEnvironment.getEnvironment();
    }

    /** Removes the empty {@code onnxruntime-java*} directories in {@code tmp} last modified before {@code cutoff}. */
    static void removeLeftovers(Path tmp, Instant cutoff) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "onnxruntime-java*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(cutoff)) {
                        Files.delete(dir); // refused unless empty
                    }
                } catch (IOException e) {
                    // not empty, another user's, or removed by another process meanwhile
                }
            }
        } catch (IOException e) {
            // no temp dir to look at: nothing to remove
        }
    }

    /**
     * All graph optimisations, and one batch at a time on {@code threads} intra-op threads: the callers batch
     * texts themselves, so inter-op parallelism would only compete for the same cores.
     */
    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
