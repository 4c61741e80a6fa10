package dev.codeindexer.embed.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of the Java pipeline goes (not a test; a profiling aid for embed/bench): tokenization, input tensor
 * creation, {@code session.run} itself, and output copy + pooling, summed over the same batches as
 * {@code embedDocuments} runs. Usage: {@code RunProbe MODEL INPUTS.jsonl N GROUP}.
 */
public final class RunProbe {
    private RunProbe() {
    }

    public static void main(String[] args) throws Exception {
        OnnxModelSpec spec = OnnxModelSpec.named(args[0]);
        int n = Integer.parseInt(args[2]);
        int group = Integer.parseInt(args[3]);
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            if (!line.isBlank() && texts.size() < n) {
                texts.add(json.readTree(line).path("text").asText());
            }
        }
        try (OnnxEmbeddingModel model = OnnxEmbeddingModel.open(spec, Runtime.getRuntime().availableProcessors(), 32)) {
            var f = OnnxEmbeddingModel.class.getDeclaredField("session");
            f.setAccessible(true);
            OrtSession session = (OrtSession) f.get(model);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            for (int pass = 0; pass < 2; pass++) { // the first pass is the warm-up
                long tTok = 0, tIn = 0, tRun = 0, tOut = 0;
                long start = System.nanoTime();
                for (int from = 0; from < texts.size(); from += group) {
                    List<String> g = texts.subList(from, Math.min(texts.size(), from + group));
                    long a = System.nanoTime();
                    int[][] enc = g.stream().map(t -> model.tokenizer().encode(t))
                            .sorted(Comparator.comparingInt(r -> r.length)).toArray(int[][]::new);
                    tTok += System.nanoTime() - a;
                    for (int b = 0; b < enc.length; b += 32) {
                        int[][] rows = Arrays.copyOfRange(enc, b, Math.min(enc.length, b + 32));
                        long t0 = System.nanoTime();
                        int len = Arrays.stream(rows).mapToInt(r -> r.length).max().orElse(0);
                        LongBuffer ids = direct(rows.length * len);
                        LongBuffer mask = direct(rows.length * len);
                        for (int[] r : rows) {
                            for (int t = 0; t < len; t++) {
                                ids.put(t < r.length ? r[t] : 0);
                                mask.put(t < r.length ? 1 : 0);
                            }
                        }
                        ids.flip();
                        mask.flip();
                        long[] shape = {rows.length, len};
                        Map<String, OnnxTensor> in = new HashMap<>();
                        in.put("input_ids", OnnxTensor.createTensor(env, ids, shape));
                        in.put("attention_mask", OnnxTensor.createTensor(env, mask, shape));
                        if (session.getInputNames().contains("token_type_ids")) {
                            in.put("token_type_ids", OnnxTensor.createTensor(env, direct(rows.length * len), shape));
                        }
                        long t1 = System.nanoTime();
                        try (OrtSession.Result result = session.run(in)) {
                            long t2 = System.nanoTime();
                            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                            if (hidden.capacity() < 0) {
                                throw new AssertionError();
                            }
                            tOut += System.nanoTime() - t2;
                            tRun += t2 - t1;
                        }
                        in.values().forEach(OnnxTensor::close);
                        tIn += t1 - t0;
                    }
                }
                double total = (System.nanoTime() - start) / 1e9;
                System.out.printf("%s pass %d: total %.2f s = tokenize %.2f + inputs %.3f + session.run %.2f"
                                + " + output copy %.3f (%.1f chunks/s)%n", spec.name(), pass, total, tTok / 1e9,
                        tIn / 1e9, tRun / 1e9, tOut / 1e9, texts.size() / total);
            }
        }
    }

    private static LongBuffer direct(int longs) {
        return ByteBuffer.allocateDirect(longs * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }
}
