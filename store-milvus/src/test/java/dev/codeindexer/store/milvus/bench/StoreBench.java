package dev.codeindexer.store.milvus.bench;

import dev.codeindexer.store.lucene.LuceneConfig;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.SearchResult;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.lucene.LuceneVectorStore;
import dev.codeindexer.store.milvus.MilvusTestServer;
import dev.codeindexer.store.milvus.MilvusVectorStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Milvus (at CODE_INDEXER_MILVUS_URI, Milvus Lite in bench.sh) and the embedded Lucene store side by side on the
 * same rows: insert throughput, single-query search latency p50/p95, and recall@10 against an exact brute-force
 * scan measured in the same run. Usage: StoreBench N [N...] (row counts; dimension 384, cosine, HNSW on both).
 */
public final class StoreBench {
    private static final int DIM = 384;
    private static final int QUERIES = 200;
    private static final int K = 10;
    private static final int BATCH = 1000;
    /** SESSION is the default a user gets; STRONG makes every read wait for the newest timestamp. */
    private static final String CONSISTENCY = System.getProperty("consistency", "SESSION");
    private static final String[] LANGUAGES = {"java", "python", "go", "typescript", "rust"};

    public static void main(String[] args) throws Exception {
        System.out.printf("| store | rows | insert rows/s | search p50 ms | search p95 ms | recall@10 | brute-force p50 ms |%n");
        System.out.printf("|---|---|---|---|---|---|---|%n");
        for (String arg : args) {
            int n = Integer.parseInt(arg);
            Data data = Data.generate(n, 42);
            Path dir = Files.createTempDirectory("store-bench");
            run("lucene", new LuceneVectorStore(dir, LuceneConfig.defaults()), data);
            run("milvus-lite (" + CONSISTENCY + ")", new MilvusVectorStore(MilvusTestServer.config("batch_size: " + BATCH + "\nconsistency_level: " + CONSISTENCY
                    + "\nindex_params: {M: 16, efConstruction: 100}")), data);
        }
    }

    private static void run(String label, VectorStore store, Data data) {
        store.connect();
        String name = "bench_" + data.vectors.size() + "_" + System.nanoTime();
        Map<String, FieldType> schema = new LinkedHashMap<>();
        schema.put("file_path", FieldType.STRING);
        schema.put("language", FieldType.STRING);
        schema.put("start_line", FieldType.INT);
        store.createCollection(new CollectionSpec(name, DIM, schema, DistanceMetric.COSINE));
        try {
            long t0 = System.nanoTime();
            for (int from = 0; from < data.vectors.size(); from += BATCH) {
                int to = Math.min(data.vectors.size(), from + BATCH);
                store.insert(name, data.vectors.subList(from, to), data.metadata.subList(from, to), data.ids.subList(from, to));
            }
            store.flush(name); // as an index run ends: Milvus seals and indexes what was written

            double insertSeconds = (System.nanoTime() - t0) / 1e9;
            // Warm-up: the first searches load the collection and JIT the path.
            for (int q = 0; q < 20; q++) {
                store.search(name, List.of(data.queries.get(q)), K, null, List.of("file_path"));
            }
            long[] latencies = new long[QUERIES];
            long[] brute = new long[QUERIES];
            double recall = 0;
            for (int q = 0; q < QUERIES; q++) {
                float[] query = data.queries.get(q);
                long s = System.nanoTime();
                List<SearchResult> hits = store.search(name, List.of(query), K, null, List.of("file_path")).getFirst();
                latencies[q] = System.nanoTime() - s;
                s = System.nanoTime();
                Set<String> exact = data.exact(query, K);
                brute[q] = System.nanoTime() - s;
                recall += hits.stream().filter(h -> exact.contains(h.id())).count() / (double) K;
            }
            System.out.printf("| %s | %,d | %,.0f | %.2f | %.2f | %.3f | %.2f |%n", label, data.vectors.size(),
                    data.vectors.size() / insertSeconds, percentile(latencies, 50), percentile(latencies, 95),
                    recall / QUERIES, percentile(brute, 50));
        } finally {
            store.dropCollection(name);
            store.close();
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    /** Clustered unit vectors (like embeddings of code, which crowd around topics), their rows and queries. */
    private record Data(List<String> ids, List<float[]> vectors, List<Map<String, Object>> metadata, List<float[]> queries) {
        static Data generate(int n, long seed) {
            Random random = new Random(seed);
            float[][] centres = new float[64][];
            for (int c = 0; c < centres.length; c++) {
                centres[c] = unit(gaussian(random, 1.0f));
            }
            List<String> ids = new ArrayList<>(n);
            List<float[]> vectors = new ArrayList<>(n);
            List<Map<String, Object>> metadata = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add("row-" + i);
                vectors.add(near(centres[random.nextInt(centres.length)], random, 0.08f));
                metadata.add(Map.of("file_path", "src/module" + (i % 500) + "/File" + i + ".java",
                        "language", LANGUAGES[i % LANGUAGES.length], "start_line", (long) (i % 2000)));
            }
            List<float[]> queries = new ArrayList<>();
            for (int q = 0; q < QUERIES + 20; q++) {
                queries.add(near(vectors.get(random.nextInt(n)), random, 0.05f));
            }
            return new Data(ids, vectors, metadata, queries);
        }

        Set<String> exact(float[] query, int k) {
            int n = vectors.size();
            float[] scores = new float[n];
            for (int i = 0; i < n; i++) {
                scores[i] = DistanceMetric.COSINE.score(query, vectors.get(i));
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
            Set<String> top = new HashSet<>();
            for (int i = 0; i < k; i++) {
                top.add(ids.get(order[i]));
            }
            return top;
        }

        private static float[] near(float[] centre, Random random, float spread) {
            float[] g = gaussian(random, spread);
            for (int i = 0; i < g.length; i++) {
                g[i] += centre[i];
            }
            return unit(g);
        }

        private static float[] gaussian(Random random, float scale) {
            float[] v = new float[DIM];
            for (int i = 0; i < DIM; i++) {
                v[i] = (float) random.nextGaussian() * scale;
            }
            return v;
        }

        private static float[] unit(float[] v) {
            double norm = 0;
            for (float f : v) {
                norm += f * f;
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
            return v;
        }
    }
}
