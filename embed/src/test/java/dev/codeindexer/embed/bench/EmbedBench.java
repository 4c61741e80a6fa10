package dev.codeindexer.embed.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.EmbeddingModels;
import dev.codeindexer.embed.onnx.OnnxEmbeddingModel;
import dev.codeindexer.embed.onnx.OnnxModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of an in-process model on real chunks, the way indexing calls it (not a JUnit test; run by
 * {@code embed/bench/bench.sh}). The model is built from an {@link EmbeddingConfig} exactly as the indexer builds it
 * (default batch size, all cores, no cache), and {@code embedDocuments} gets the chunks in groups of the indexer's
 * flush size (256 on Lucene), within which it sorts by length and runs batches.
 *
 * <pre>
 *   EmbedBench run MODEL INPUTS.jsonl N GROUP WARMUP VECTORS_OUT   one timed pass; prints one JSON line
 *   EmbedBench serve MODEL INPUTS.jsonl                             driven over stdin by ort_bench.py (below)
 *   EmbedBench extract MODEL DIR                                    writes model.onnx and tokenizer.json to DIR
 * </pre>
 * In {@code serve} mode the model is loaded once and each stdin line {@code embed FROM TO} embeds texts
 * {@code [FROM, TO)} with one {@code embedDocuments} call and answers {@code {"seconds": ...}} (time inside the call
 * only); {@code vectors PATH} writes every vector embedded so far, by text index; {@code quit} ends. This lets the
 * Python side alternate with Java group by group, so that load from other processes hits both sides alike.
 * INPUTS has one JSON object with a "text" field per line; VECTORS_OUT gets N x dimension little-endian float32.
 */
public final class EmbedBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmbedBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("extract")) {
            extract(OnnxModelSpec.named(args[1]), Path.of(args[2]));
        } else if (args.length == 3 && args[0].equals("serve")) {
            serve(args[1], Path.of(args[2]));
        } else if (args.length == 7 && args[0].equals("run")) {
            run(args[1], Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), Path.of(args[6]));
        } else {
            System.err.println("usage: EmbedBench run MODEL INPUTS.jsonl N GROUP WARMUP VECTORS_OUT"
                    + " | EmbedBench serve MODEL INPUTS.jsonl | EmbedBench extract MODEL DIR");
            System.exit(2);
        }
    }

    private static void extract(OnnxModelSpec spec, Path dir) throws IOException {
        Files.createDirectories(dir);
        copy(spec.modelResource(), dir.resolve("model.onnx"));
        copy(spec.tokenizerResource(), dir.resolve("tokenizer.json"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("name", spec.name());
        meta.put("pooling", spec.pooling().name().toLowerCase(Locale.ROOT));
        meta.put("max_len", spec.maxSequenceLength());
        meta.put("document_prefix", spec.documentPrefix());
        meta.put("dimension", spec.dimension());
        JSON.writeValue(dir.resolve("spec.json").toFile(), meta);
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = EmbedBench.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the classpath");
            }
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void serve(String modelName, Path inputs) throws IOException {
        List<String> texts = readTexts(inputs, Integer.MAX_VALUE);
        EmbeddingConfig config = EmbeddingConfig.builder().provider("onnx").model(modelName).build();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                java.nio.charset.StandardCharsets.UTF_8));
        var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8);
        try (EmbeddingModel model = EmbeddingModels.create(config, null)) {
            float[][] vectors = new float[texts.size()][];
            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("model", model.modelId());
            hello.put("batch", config.batchSize());
            hello.put("threads", config.effectiveThreads());
            hello.put("java", Runtime.version().toString());
            out.println(JSON.writeValueAsString(hello));
            for (String line; (line = in.readLine()) != null; ) {
                String[] cmd = line.trim().split(" ");
                switch (cmd[0]) {
                    case "embed" -> {
                        int from = Integer.parseInt(cmd[1]);
                        int to = Integer.parseInt(cmd[2]);
                        long start = System.nanoTime();
                        List<float[]> got = model.embedDocuments(texts.subList(from, to));
                        double seconds = (System.nanoTime() - start) / 1e9;
                        for (int i = from; i < to; i++) {
                            vectors[i] = got.get(i - from);
                        }
                        out.println("{\"seconds\": " + seconds + "}");
                    }
                    case "vectors" -> {
                        writeVectors(java.util.Arrays.stream(vectors).filter(java.util.Objects::nonNull).toList(),
                                model.dimension(), Path.of(cmd[1]));
                        out.println("{}");
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command: " + line);
                }
            }
        }
    }

    private static List<String> readTexts(Path inputs, int n) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(inputs)) {
            if (!line.isBlank() && texts.size() < n) {
                texts.add(JSON.readTree(line).path("text").asText());
            }
        }
        return texts;
    }

    private static void writeVectors(List<float[]> vectors, int dimension, Path target) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(vectors.size() * dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vectors) {
            for (float x : v) {
                buf.putFloat(x);
            }
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            out.write(buf.array());
        }
    }

    private static void run(String modelName, Path inputs, int n, int group, int warmup, Path vectorsOut)
            throws IOException {
        List<String> texts = readTexts(inputs, n);
        n = texts.size();
        EmbeddingConfig config = EmbeddingConfig.builder().provider("onnx").model(modelName).build();
        long t0 = System.nanoTime();
        try (EmbeddingModel model = EmbeddingModels.create(config, null)) {
            double loadS = (System.nanoTime() - t0) / 1e9;
            OnnxEmbeddingModel onnx = (OnnxEmbeddingModel) model;

            // Warm-up: the JIT and ONNX Runtime's first runs (allocations, kernel selection) off the clock.
            for (int from = 0; from < Math.min(warmup, n); from += group) {
                model.embedDocuments(texts.subList(from, Math.min(Math.min(warmup, n), from + group)));
            }

            // Tokenization alone, for the profile: how much of a pass is the Java WordPiece.
            long tokens = 0;
            long padded = 0;
            long tk = System.nanoTime();
            for (int from = 0; from < n; from += group) {
                List<String> g = texts.subList(from, Math.min(n, from + group));
                int[] lens = g.stream().mapToInt(t -> onnx.tokenizer().encode(t).length).sorted().toArray();
                for (int b = 0; b < lens.length; b += config.batchSize()) {
                    int to = Math.min(lens.length, b + config.batchSize());
                    padded += (long) lens[to - 1] * (to - b);
                }
                for (int len : lens) {
                    tokens += len;
                }
            }
            double tokenizeS = (System.nanoTime() - tk) / 1e9;

            List<float[]> vectors = new ArrayList<>(n);
            long start = System.nanoTime();
            for (int from = 0; from < n; from += group) {
                vectors.addAll(model.embedDocuments(texts.subList(from, Math.min(n, from + group))));
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            writeVectors(vectors, model.dimension(), vectorsOut);

            Map<String, Object> r = new LinkedHashMap<>();
            r.put("side", "java");
            r.put("model", model.modelId());
            r.put("n", n);
            r.put("tokens", tokens);
            r.put("padded_tokens", padded);
            r.put("batch", config.batchSize());
            r.put("threads", config.effectiveThreads());
            r.put("load_s", round(loadS));
            r.put("tokenize_s", round(tokenizeS));
            r.put("seconds", round(seconds));
            r.put("chunks_per_s", round(n / seconds));
            System.out.println(JSON.writeValueAsString(r));
        }
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
