package dev.codeindexer.eval;

import dev.codeindexer.index.Codebase;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.search.Searcher;
import dev.codeindexer.store.SearchMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores search modes on queries whose answers are known: for each query, the rank of the first hit that answers
 * it, aggregated overall, per language and per corpus. Each query is its own call, as a user or an agent issues
 * them, so the recorded latencies are what one search costs end to end in a warm process (query embedding included:
 * query vectors are never cached).
 */
public final class Evaluation {
    private static final int TOP_K = 10;
    private static final int WARM_UP = 20;
    public static final String NAIVE_DENSE = "naive-dense";
    public static final String NAIVE_BM25 = "naive-bm25";

    /** By leg: a search mode ({@code hybrid}) or a naive baseline ({@code naive-dense}). */
    private final Map<String, Metrics> overall = new LinkedHashMap<>();
    private final Map<String, Map<String, Metrics>> byLanguage = new LinkedHashMap<>();
    private final Map<String, Map<String, Metrics>> byCorpus = new LinkedHashMap<>();
    private final Map<String, List<Long>> queryNanos = new LinkedHashMap<>();

    /** Runs {@code queries} against {@code codebase} in every mode and adds their ranks. */
    public void score(Codebase codebase, List<EvalQuery> queries, List<SearchMode> modes, SearchOptions base) {
        score(codebase, queries, modes, base, null);
    }

    /**
     * As {@link #score(Codebase, List, List, SearchOptions)}; with a {@code trace}, also records each query's dense
     * and lexical candidate lists (the depth a hybrid search fuses) with which hits answer it, so that fusion
     * strategies can be compared offline on exactly the same candidates, and its rank in every mode with the
     * hybrid top 10, to see what outranks the answer.
     */
    public void score(Codebase codebase, List<EvalQuery> queries, List<SearchMode> modes, SearchOptions base,
                      java.util.function.Consumer<Map<String, Object>> trace) {
        Searcher searcher = new Searcher(codebase);
        if (trace != null) {
            int depth = dev.codeindexer.store.Fusion.candidates(base.topK());
            for (EvalQuery q : queries) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("corpus", q.corpus());
                line.put("language", q.language());
                line.put("query", q.query());
                for (SearchMode leg : List.of(SearchMode.DENSE, SearchMode.LEXICAL)) {
                    // The legs as the store fuses them: without the name signal, which applies after fusion.
                    List<SearchHit> hits = searcher.search(List.of(q.query()),
                            base.toBuilder().mode(leg).topK(depth).nameWeight(0).build()).getFirst();
                    line.put(name(leg), hits.stream().map(h -> List.of(h.chunkId(), h.score(), q.answeredBy(h),
                            h.entityId() == null ? "" : h.entityId(), h.filePath(), h.language())).toList());
                }
                Map<SearchMode, List<SearchHit>> top = new LinkedHashMap<>();
                for (SearchMode mode : modes) {
                    top.put(mode, searcher.search(List.of(q.query()), base.withMode(mode)).getFirst());
                }
                Map<String, Integer> ranks = new LinkedHashMap<>();
                top.forEach((mode, hits) -> ranks.put(name(mode), rank(q, hits)));
                line.put("ranks", ranks);
                // What the user sees: the shaped top 10 of a hybrid search.
                line.put("hybrid_top", top.computeIfAbsent(SearchMode.HYBRID,
                                m -> searcher.search(List.of(q.query()), base.withMode(m)).getFirst())
                        .stream().map(h -> List.of(h.filePath() + ":" + h.startLine() + "-" + h.endLine(),
                                h.entityId() == null ? "" : h.entityId(), q.answeredBy(h))).toList());
                line.put("answer", q.filePath() + ":" + q.startLine() + " " + (q.entityId() == null ? "" : q.entityId()));
                trace.accept(line);
            }
        }
        // A few untimed searches per mode first, so that no mode's figures carry the JIT's and the caches' warm-up
        // and the order of the modes does not matter.
        for (SearchMode mode : modes) {
            for (EvalQuery q : queries.subList(0, Math.min(WARM_UP, queries.size()))) {
                searcher.search(List.of(q.query()), base.withMode(mode));
            }
        }
        for (SearchMode mode : modes) {
            SearchOptions options = base.withMode(mode);
            for (EvalQuery q : queries) {
                long start = System.nanoTime();
                List<SearchHit> hits = searcher.search(List.of(q.query()), options).getFirst();
                queryNanos.computeIfAbsent(name(mode), m -> new ArrayList<>()).add(System.nanoTime() - start);
                add(name(mode), q, rank(q, hits));
            }
        }
    }

    /** Runs {@code queries} against the naive baseline's two legs, as {@code naive-dense} and {@code naive-bm25}. */
    public void scoreBaseline(NaiveBaseline baseline, List<EvalQuery> queries) {
        for (EvalQuery q : queries) {
            long start = System.nanoTime();
            List<SearchHit> dense = baseline.dense(q.query(), TOP_K);
            queryNanos.computeIfAbsent(NAIVE_DENSE, m -> new ArrayList<>()).add(System.nanoTime() - start);
            add(NAIVE_DENSE, q, rank(q, dense));
            start = System.nanoTime();
            List<SearchHit> bm25 = baseline.bm25(q.query(), TOP_K);
            queryNanos.computeIfAbsent(NAIVE_BM25, m -> new ArrayList<>()).add(System.nanoTime() - start);
            add(NAIVE_BM25, q, rank(q, bm25));
        }
    }

    static int rank(EvalQuery q, List<SearchHit> hits) {
        for (int i = 0; i < Math.min(TOP_K, hits.size()); i++) {
            if (q.answeredBy(hits.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private void add(String mode, EvalQuery q, int rank) {
        overall.computeIfAbsent(mode, m -> new Metrics()).add(rank);
        byLanguage.computeIfAbsent(mode, m -> new TreeMap<>()).computeIfAbsent(q.language(), l -> new Metrics()).add(rank);
        byCorpus.computeIfAbsent(mode, m -> new TreeMap<>()).computeIfAbsent(q.corpus(), c -> new Metrics()).add(rank);
    }

    /** The figures so far. */
    public EvalReport report(List<String> corpora) {
        Map<String, Metrics.Summary> modes = new LinkedHashMap<>();
        overall.forEach((m, v) -> modes.put(m, v.summary()));
        Map<String, EvalReport.Latency> latency = new LinkedHashMap<>();
        queryNanos.forEach((m, nanos) -> latency.put(m, EvalReport.Latency.of(nanos)));
        return new EvalReport(corpora, modes, slices(byLanguage), slices(byCorpus), latency);
    }

    private static Map<String, Map<String, Metrics.Summary>> slices(Map<String, Map<String, Metrics>> in) {
        Map<String, Map<String, Metrics.Summary>> out = new LinkedHashMap<>();
        in.forEach((mode, slice) -> {
            Map<String, Metrics.Summary> s = new LinkedHashMap<>();
            slice.forEach((k, v) -> s.put(k, v.summary()));
            out.put(mode, s);
        });
        return out;
    }

    static String name(SearchMode m) {
        return m.name().toLowerCase(java.util.Locale.ROOT);
    }
}
