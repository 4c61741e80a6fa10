package dev.codeindexer.embed.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.embed.EmbeddingException;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.ModelIds;
import dev.codeindexer.embed.Vectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A transformer embedding model run in-process by ONNX Runtime: no network, no key. The model comes from the
 * built-in catalogue ({@link #open(OnnxModelSpec, int, int)}, files on the classpath) or from a directory of one's
 * own ({@link ModelDirectory}). Texts of one call are sorted by token length and run in batches of similar lengths,
 * so little work is spent on padding; each batch uses the session's intra-op threads. Thread-safe (ONNX Runtime
 * sessions allow concurrent runs); closing releases the native session and tokenizer.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {
    private final OnnxModelSettings settings;
    /** Loads the tokenizer on first use, or null when it was given. */
    private final Supplier<ModelTokenizer> tokenizerLoader;
    private volatile ModelTokenizer tokenizer;
    private final Supplier<Session> loader;
    private final int batchSize;
    private volatile Session session;
    private volatile boolean closed;

    /** An ONNX Runtime session and the inputs and output its model has. */
    private record Session(OrtSession ort, OnnxSignature signature) {
    }

    private OnnxEmbeddingModel(OnnxModelSettings settings, ModelTokenizer tokenizer,
                               Supplier<ModelTokenizer> tokenizerLoader, Session session, Supplier<Session> loader,
                               int batchSize) {
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.tokenizerLoader = tokenizerLoader;
        this.session = session;
        this.loader = loader;
        this.batchSize = batchSize;
    }

    /**
     * A built-in model from the classpath: its tokenizer when the first text is counted or embedded, its ONNX Runtime
     * session when the first text is embedded. Its id and dimension need neither and token counts no session, so a
     * lexical search or a status never pays for either (reading the tokenizer's vocabulary costs a CLI process 0.13 s),
     * nor the lexical pass of an index run for a session (reading the model out of its jar and starting a session
     * costs a CLI process about a second of CPU, which an index run on the same cores would rather have).
     *
     * @param threads   intra-op threads (all available processors is the usual choice)
     * @param batchSize texts per inference call
     * @throws EmbeddingConfigException if the model's jar is not on the classpath or its files are unusable (its
     *                                  ONNX file: on first use)
     */
    public static OnnxEmbeddingModel open(OnnxModelSpec spec, int threads, int batchSize) {
        checkPositive(threads, batchSize);
        ClassLoader classes = OnnxEmbeddingModel.class.getClassLoader();
        for (String file : List.of(spec.tokenizerResource(), spec.modelResource())) {
            if (classes.getResource(file) == null) {
                throw missing(spec, file); // a config error now, not at the first embedding
            }
        }
        String id = ModelIds.withDocumentPrefix("onnx:" + spec.name(), spec.documentPrefix(),
                conventionalDocumentPrefix(spec));
        OnnxModelSettings settings = new OnnxModelSettings(id, spec.pooling(), spec.queryPrefix(),
                spec.documentPrefix(), spec.maxSequenceLength(), spec.dimension());
        return new OnnxEmbeddingModel(settings, null, () -> loadTokenizer(spec), null,
                () -> startSession(spec, threads), batchSize);
    }

    private static ModelTokenizer loadTokenizer(OnnxModelSpec spec) {
        try (InputStream in = resource(spec, spec.tokenizerResource())) {
            return WordPieceTokenizer.fromJson(in, spec.tokenizerResource()).limitedTo(spec.maxSequenceLength());
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read " + spec.tokenizerResource() + ": " + e.getMessage(), e);
        }
    }

    private static Session startSession(OnnxModelSpec spec, int threads) {
        byte[] onnx;
        try (InputStream in = resource(spec, spec.modelResource())) {
            onnx = in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read " + spec.modelResource() + ": " + e.getMessage(), e);
        }
        OrtSession session;
        OnnxSignature signature;
        try {
            session = OnnxSessions.fromBytes(onnx, threads);
        } catch (OrtException e) {
            throw new EmbeddingConfigException("ONNX Runtime cannot load " + spec.modelResource() + " from "
                    + spec.artifact() + ": " + e.getMessage(), e);
        }
        try {
            signature = OnnxSignature.of(session, null, spec.modelResource());
            if (signature.pooled() || (signature.width() > 0 && signature.width() != spec.dimension())) {
                throw new EmbeddingConfigException("model " + spec.modelResource() + " has " + signature
                        + ", expected [batch, tokens, " + spec.dimension() + "]");
            }
        } catch (OrtException e) {
            closeQuietly(session, e);
            throw new EmbeddingConfigException("ONNX Runtime cannot inspect " + spec.modelResource() + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
        return new Session(session, signature);
    }

    /**
     * A model over an open session and tokenizer, which it then owns: if starting fails, both are closed. When
     * {@code settings} leave the dimension open (0), one short text is run to learn it.
     */
    static OnnxEmbeddingModel start(OnnxModelSettings settings, ModelTokenizer tokenizer, OrtSession session,
                                    OnnxSignature signature, int batchSize) {
        Session started = new Session(session, signature);
        OnnxEmbeddingModel model = new OnnxEmbeddingModel(settings, tokenizer, null, started, null, batchSize);
        if (settings.dimension() > 0) {
            return model;
        }
        try {
            int width = model.run(new int[][] {tokenizer.encode("dimension probe")})[0].length;
            return new OnnxEmbeddingModel(settings.withDimension(width), tokenizer, null, started, null,
                    batchSize);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    static void checkPositive(int threads, int batchSize) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batchSize must be positive");
        }
    }

    static void closeQuietly(OrtSession session, Exception failure) {
        try {
            session.close();
        } catch (OrtException e) {
            failure.addSuppressed(e);
        }
    }

    private static String conventionalDocumentPrefix(OnnxModelSpec spec) {
        return OnnxModelSpec.KNOWN.stream().filter(k -> k.name().equals(spec.name())).findFirst()
                .map(OnnxModelSpec::documentPrefix).orElse("");
    }

    private static InputStream resource(OnnxModelSpec spec, String path) {
        InputStream in = OnnxEmbeddingModel.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw missing(spec, path);
        }
        return in;
    }

    private static EmbeddingConfigException missing(OnnxModelSpec spec, String path) {
        return new EmbeddingConfigException("model " + spec.name() + " needs " + path + " on the classpath; add the"
                + " Maven artifact " + spec.artifact() + " (its transitive dependencies are not needed)");
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return embed(texts, settings.documentPrefix());
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return embed(queries, settings.queryPrefix());
    }

    @Override
    public int dimension() {
        return settings.dimension();
    }

    @Override
    public String modelId() {
        return settings.modelId();
    }

    @Override
    public int maxInputTokens() {
        return settings.maxSequenceLength() - tokenizer().specialTokens();
    }

    @Override
    public int countTokens(String text) {
        return tokenizer().count(settings.documentPrefix() + text);
    }

    /** The tokenizer, loaded on first use; for callers that need token ids (the benchmark, tests). */
    public ModelTokenizer tokenizer() {
        ModelTokenizer t = tokenizer;
        if (t == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("model " + settings.modelId() + " is closed");
                }
                if (tokenizer == null) {
                    tokenizer = tokenizerLoader.get();
                }
                t = tokenizer;
            }
        }
        return t;
    }

    private List<float[]> embed(List<String> texts, String prefix) {
        if (closed) {
            throw new IllegalStateException("model " + settings.modelId() + " is closed");
        }
        int n = texts.size();
        int[][] encoded = new int[n][];
        for (int i = 0; i < n; i++) {
            String text = Objects.requireNonNull(texts.get(i), "texts must not contain null");
            encoded[i] = tokenizer().encode(prefix + text);
        }
        // Shortest first; consecutive texts then have similar lengths and a batch pads only to its longest.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> encoded[i].length));
        float[][] vectors = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            int[][] batch = new int[to - from][];
            for (int k = from; k < to; k++) {
                batch[k - from] = encoded[order[k]];
            }
            float[][] out = run(batch);
            for (int k = from; k < to; k++) {
                vectors[order[k]] = out[k - from];
            }
        }
        return Arrays.asList(vectors);
    }

    /**
     * Starts the session in the background. An index run calls this as it begins, so the session is started while
     * files are chunked rather than when embedding begins: a process stopped by SIGTERM while ONNX Runtime creates a
     * session crashes in native code, because ONNX Runtime's own shutdown hook releases its environment under that
     * call, and a script that stops an index run once its files are searchable does so just as embedding begins.
     */
    @Override
    public void prepare() {
        if (session == null && loader != null && !closed) {
            Thread.ofPlatform().daemon().name("onnx-session").start(() -> {
                try {
                    session();
                } catch (RuntimeException e) {
                    // reported by the first embedding, which starts the session again
                }
            });
        }
    }

    /** Whether the ONNX Runtime session has been started (tests). */
    boolean sessionStarted() {
        return session != null;
    }

    /** The session, started now if this is the first call that needs it. */
    private Session session() {
        Session s = session;
        if (s == null) {
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("model " + settings.modelId() + " is closed");
                }
                s = session;
                if (s == null) {
                    s = loader.get();
                    session = s;
                }
            }
        }
        return s;
    }

    /** One inference call over token-id rows; returns pooled, L2-normalized vectors in row order. */
    float[][] run(int[][] rows) {
        Session s = session();
        OnnxSignature signature = s.signature();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        int b = rows.length;
        int len = 0;
        for (int[] r : rows) {
            len = Math.max(len, r.length);
        }
        LongBuffer ids = direct(b * len);
        LongBuffer mask = direct(b * len);
        for (int[] r : rows) {
            for (int t = 0; t < len; t++) {
                ids.put(t < r.length ? r[t] : 0);
                mask.put(t < r.length ? 1 : 0);
            }
        }
        ids.flip();
        mask.flip();
        long[] shape = {b, len};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(OnnxSignature.INPUT_IDS, OnnxTensor.createTensor(env, ids, shape));
            if (signature.attentionMask()) {
                inputs.put(OnnxSignature.ATTENTION_MASK, OnnxTensor.createTensor(env, mask, shape));
            }
            if (signature.tokenTypes()) {
                inputs.put(OnnxSignature.TOKEN_TYPE_IDS, OnnxTensor.createTensor(env, direct(b * len), shape));
            }
            try (OrtSession.Result result = s.ort().run(inputs, Set.of(signature.output()))) {
                OnnxTensor out = (OnnxTensor) result.get(signature.output()).orElseThrow();
                return pool(out.getFloatBuffer(), out.getInfo().getShape(), rows, len, signature);
            }
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX Runtime failed on a batch of " + b + " texts of up to " + len
                    + " tokens with model " + settings.modelId() + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pool(FloatBuffer hidden, long[] shape, int[][] rows, int len, OnnxSignature signature) {
        int dim = Math.toIntExact(shape[shape.length - 1]);
        if (settings.dimension() > 0 && dim != settings.dimension()) {
            throw new EmbeddingException("model " + settings.modelId() + " returned vectors of " + dim
                    + " dimensions instead of " + settings.dimension() + "; its file is not the one it was loaded as");
        }
        Pooling pooling = signature.pooled() ? Pooling.NONE : settings.pooling();
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            float[] v = new float[dim];
            if (pooling == Pooling.NONE) {
                hidden.get(r * dim, v);
            } else if (pooling == Pooling.CLS) {
                hidden.get(r * len * dim, v);
            } else {
                int base = r * len * dim;
                float[] tok = new float[dim];
                int real = rows[r].length;
                for (int t = 0; t < real; t++) {
                    hidden.get(base + t * dim, tok);
                    for (int d = 0; d < dim; d++) {
                        v[d] += tok[d];
                    }
                }
                for (int d = 0; d < dim; d++) {
                    v[d] /= real;
                }
            }
            out[r] = Vectors.normalize(v);
        }
        return out;
    }

    private static LongBuffer direct(int longs) {
        return ByteBuffer.allocateDirect(longs * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (session != null) {
                    session.ort().close();
                }
            } catch (OrtException e) {
                throw new EmbeddingException("closing the ONNX session of " + settings.modelId() + " failed: "
                        + e.getMessage(), e);
            } finally {
                if (tokenizer != null) {
                    tokenizer.close();
                }
            }
        }
    }

    @Override
    public String toString() {
        return "OnnxEmbeddingModel[" + settings.modelId() + ", batchSize=" + batchSize + "]";
    }
}
