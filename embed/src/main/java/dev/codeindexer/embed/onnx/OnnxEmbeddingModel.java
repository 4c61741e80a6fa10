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
import java.util.stream.IntStream;

/**
 * A BERT-style embedding model run in-process by ONNX Runtime from an {@code .onnx} file on the classpath: no
 * network, no key. Texts of one call are sorted by token length and run in batches of similar lengths, so little
 * work is spent on padding; each batch uses {@code threads} intra-op threads. Thread-safe (ONNX Runtime sessions
 * allow concurrent runs); closing releases the native session.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {
    private final OnnxModelSpec spec;
    private final String modelId;
    private final WordPieceTokenizer tokenizer;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final boolean wantsTokenTypes;
    private final int batchSize;
    private volatile boolean closed;

    private OnnxEmbeddingModel(OnnxModelSpec spec, String modelId, WordPieceTokenizer tokenizer, OrtEnvironment env,
                               OrtSession session, int batchSize) {
        this.spec = spec;
        this.modelId = modelId;
        this.tokenizer = tokenizer;
        this.env = env;
        this.session = session;
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
        this.batchSize = batchSize;
    }

    /**
     * Loads the model and tokenizer from the classpath and starts an ONNX Runtime session.
     *
     * @param threads   intra-op threads (all available processors is the usual choice)
     * @param batchSize texts per inference call
     * @throws EmbeddingConfigException if the model's jar is not on the classpath or its files are unusable
     */
    public static OnnxEmbeddingModel open(OnnxModelSpec spec, int threads, int batchSize) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batchSize must be positive");
        }
        WordPieceTokenizer tokenizer;
        try (InputStream in = resource(spec, spec.tokenizerResource())) {
            tokenizer = WordPieceTokenizer.fromJson(in, spec.tokenizerResource());
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read " + spec.tokenizerResource() + ": " + e.getMessage(), e);
        }
        byte[] onnx;
        try (InputStream in = resource(spec, spec.modelResource())) {
            onnx = in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read " + spec.modelResource() + ": " + e.getMessage(), e);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            OrtSession session = env.createSession(onnx, options);
            try {
                checkOutputs(spec, session);
                String id = ModelIds.withDocumentPrefix("onnx:" + spec.name(), spec.documentPrefix(),
                        conventionalDocumentPrefix(spec));
                return new OnnxEmbeddingModel(spec, id, tokenizer, env, session, batchSize);
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new EmbeddingConfigException("ONNX Runtime cannot load " + spec.modelResource() + " from "
                    + spec.artifact() + ": " + e.getMessage(), e);
        }
    }

    private static String conventionalDocumentPrefix(OnnxModelSpec spec) {
        return OnnxModelSpec.KNOWN.stream().filter(k -> k.name().equals(spec.name())).findFirst()
                .map(OnnxModelSpec::documentPrefix).orElse("");
    }

    private static InputStream resource(OnnxModelSpec spec, String path) {
        InputStream in = OnnxEmbeddingModel.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new EmbeddingConfigException("model " + spec.name() + " needs " + path + " on the classpath; add the"
                    + " Maven artifact " + spec.artifact() + " (its transitive dependencies are not needed)");
        }
        return in;
    }

    private static void checkOutputs(OnnxModelSpec spec, OrtSession session) throws OrtException {
        var info = session.getOutputInfo().values().iterator().next().getInfo();
        long[] shape = ((ai.onnxruntime.TensorInfo) info).getShape();
        if (shape.length != 3 || (shape[2] > 0 && shape[2] != spec.dimension())) {
            throw new EmbeddingConfigException("model " + spec.modelResource() + " outputs shape "
                    + Arrays.toString(shape) + ", expected [batch, tokens, " + spec.dimension() + "]");
        }
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return embed(texts, spec.documentPrefix());
    }

    @Override
    public List<float[]> embedQueries(List<String> queries) {
        return embed(queries, spec.queryPrefix());
    }

    @Override
    public int dimension() {
        return spec.dimension();
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int maxInputTokens() {
        return spec.maxSequenceLength() - 2;
    }

    @Override
    public int countTokens(String text) {
        return tokenizer.count(spec.documentPrefix() + text);
    }

    /** The tokenizer, for callers that need token ids (the benchmark, tests). */
    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    public OnnxModelSpec spec() {
        return spec;
    }

    private List<float[]> embed(List<String> texts, String prefix) {
        if (closed) {
            throw new IllegalStateException("model " + modelId + " is closed");
        }
        int n = texts.size();
        int[][] encoded = new int[n][];
        for (int i = 0; i < n; i++) {
            String text = Objects.requireNonNull(texts.get(i), "texts must not contain null");
            encoded[i] = tokenizer.encode(prefix + text, spec.maxSequenceLength());
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

    /** One inference call over token-id rows; returns pooled, L2-normalized vectors in row order. */
    float[][] run(int[][] rows) {
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
            inputs.put("input_ids", OnnxTensor.createTensor(env, ids, shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, mask, shape));
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, direct(b * len), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                return pool(hidden, rows, len);
            }
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX Runtime failed on a batch of " + b + " texts of up to " + len
                    + " tokens with model " + modelId + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pool(FloatBuffer hidden, int[][] rows, int len) {
        int dim = spec.dimension();
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            float[] v = new float[dim];
            int base = r * len * dim;
            if (spec.pooling() == Pooling.CLS) {
                hidden.get(base, v);
            } else {
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
                session.close();
            } catch (OrtException e) {
                throw new EmbeddingException("closing the ONNX session of " + modelId + " failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "OnnxEmbeddingModel[" + modelId + ", batchSize=" + batchSize + "]";
    }
}
