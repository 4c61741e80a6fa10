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
 * it, aggregated overall, per language and per corpus. Queries run in batches, as {@code search --queries} does.
 */
public final class Evaluation {
    private static final int BATCH = 64;
    private static final int TOP_K = 10;

    private final Map<SearchMode, Metrics> overall = new LinkedHashMap<>();
    private final Map<SearchMode, Map<String, Metrics>> byLanguage = new LinkedHashMap<>();
    private final Map<SearchMode, Map<String, Metrics>> byCorpus = new LinkedHashMap<>();
    private final List<Long> queryNanos = new ArrayList<>();

    /** Runs {@code queries} against {@code codebase} in every mode and adds their ranks. */
    public void score(Codebase codebase, List<EvalQuery> queries, List<SearchMode> modes, SearchOptions base) {
        Searcher searcher = new Searcher(codebase);
        for (SearchMode mode : modes) {
            SearchOptions options = base.withMode(mode);
            for (int from = 0; from < queries.size(); from += BATCH) {
                List<EvalQuery> batch = queries.subList(from, Math.min(queries.size(), from + BATCH));
                long start = System.nanoTime();
                List<List<SearchHit>> results = searcher.search(batch.stream().map(EvalQuery::query).toList(), options);
                long perQuery = (System.nanoTime() - start) / batch.size();
                for (int i = 0; i < batch.size(); i++) {
                    add(mode, batch.get(i), rank(batch.get(i), results.get(i)));
                    if (mode == SearchMode.HYBRID) {
                        queryNanos.add(perQuery);
                    }
                }
            }
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

    private void add(SearchMode mode, EvalQuery q, int rank) {
        overall.computeIfAbsent(mode, m -> new Metrics()).add(rank);
        byLanguage.computeIfAbsent(mode, m -> new TreeMap<>()).computeIfAbsent(q.language(), l -> new Metrics()).add(rank);
        byCorpus.computeIfAbsent(mode, m -> new TreeMap<>()).computeIfAbsent(q.corpus(), c -> new Metrics()).add(rank);
    }

    /** The figures so far. */
    public EvalReport report(List<String> corpora) {
        Map<String, Metrics.Summary> modes = new LinkedHashMap<>();
        overall.forEach((m, v) -> modes.put(name(m), v.summary()));
        return new EvalReport(corpora, modes, slices(byLanguage), slices(byCorpus),
                EvalReport.Latency.of(queryNanos));
    }

    private static Map<String, Map<String, Metrics.Summary>> slices(Map<SearchMode, Map<String, Metrics>> in) {
        Map<String, Map<String, Metrics.Summary>> out = new LinkedHashMap<>();
        in.forEach((mode, slice) -> {
            Map<String, Metrics.Summary> s = new LinkedHashMap<>();
            slice.forEach((k, v) -> s.put(k, v.summary()));
            out.put(name(mode), s);
        });
        return out;
    }

    static String name(SearchMode m) {
        return m.name().toLowerCase(java.util.Locale.ROOT);
    }
}
