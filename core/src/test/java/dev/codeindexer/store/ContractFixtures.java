package dev.codeindexer.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Deterministic rows for the contract suite: code-chunk-like metadata over every field type. */
public final class ContractFixtures {
    public static final int DIM = 16;

    public static final Map<String, FieldType> SCHEMA = schema();

    private static final String[] LANGUAGES = {"java", "python", "go", "rust"};
    private static final String[] TYPES = {"function", "method", "class"};

    private ContractFixtures() {
    }

    private static Map<String, FieldType> schema() {
        Map<String, FieldType> s = new LinkedHashMap<>();
        s.put("file_path", FieldType.STRING);
        s.put("language", FieldType.STRING);
        s.put("entity_type", FieldType.STRING);
        s.put("start_line", FieldType.INT);
        s.put("end_line", FieldType.INT);
        s.put("weight", FieldType.FLOAT);
        s.put("ratio", FieldType.DOUBLE);
        s.put("exported", FieldType.BOOL);
        s.put("tags", FieldType.STRING_ARRAY);
        s.put("lines", FieldType.INT_ARRAY);
        s.put("content", FieldType.TEXT);
        return s;
    }

    /** Rows with ids {@code r0..r(n-1)}, random vectors (not normalised) and metadata from {@link #metadata}. */
    public static Batch rows(int n, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Map<String, Object>> metadata = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("r" + i);
            vectors.add(vector(random));
            metadata.add(metadata(i, random));
        }
        return new Batch(ids, vectors, metadata);
    }

    public static float[] vector(Random random) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (float) random.nextGaussian();
        }
        return v;
    }

    public static Map<String, Object> metadata(int i, Random random) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file_path", "src/" + LANGUAGES[i % 4] + "/File" + (i % 37) + ".x");
        m.put("language", LANGUAGES[i % 4]);
        m.put("entity_type", TYPES[i % 3]);
        // Distinct for the first 500 rows (419 is prime to 500), so an equality on start_line matches one row.
        long start = 1 + (i * 419L) % 500;
        m.put("start_line", start);
        m.put("end_line", start + random.nextInt(60));
        m.put("weight", (float) (random.nextInt(1000) / 100.0));
        m.put("ratio", random.nextInt(10_000) / 1000.0);
        m.put("exported", i % 5 != 0);
        m.put("tags", i % 7 == 0 ? List.of() : List.of("t" + (i % 6), "u" + (i % 4)));
        m.put("lines", List.of(start, start + 1L));
        m.put("content", "void handler" + i + "() { retryUpload(file" + i + "); }");
        return m;
    }

    /** Parallel lists, as {@link VectorStore#insert} takes them. */
    public record Batch(List<String> ids, List<float[]> vectors, List<Map<String, Object>> metadata) {
        public int size() {
            return ids.size();
        }
    }
}
