package dev.codeindexer.embed.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/** ONNX Runtime sessions set up the one way every in-process model runs. */
final class OnnxSessions {
    private OnnxSessions() {
    }

    /** A session over model bytes already in memory (a built-in model read from its jar). */
    static OrtSession fromBytes(OrtEnvironment env, byte[] model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = options(threads)) {
            return env.createSession(model, options);
        }
    }

    /**
     * A session over a model file; loaded by path so that ONNX Runtime finds external weights stored beside it
     * (a model over 2 GB keeps them in a separate file).
     */
    static OrtSession fromFile(OrtEnvironment env, Path model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = options(threads)) {
            return env.createSession(model.toString(), options);
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
