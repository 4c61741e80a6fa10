package dev.codeindexer.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted reciprocal rank fusion of a dense and a lexical result list: a row scores
 * {@code denseWeight / (k + denseRank) + lexicalWeight / (k + lexicalRank)}, ranks starting at 1, a missing leg
 * contributing nothing. RRF needs no score calibration between BM25 and vector similarity, which is why both
 * Milvus's RRF ranker and this client-side version use it.
 *
 * @param k             damping constant; larger flattens the difference between ranks (60 is the usual choice)
 * @param denseWeight   weight of the vector leg
 * @param lexicalWeight weight of the BM25 leg
 */
public record Fusion(int k, double denseWeight, double lexicalWeight) {
    public static final Fusion DEFAULT = new Fusion(60, 1.0, 1.0);

    public Fusion {
        if (k < 1) {
            throw new IllegalArgumentException("RRF k must be at least 1, got " + k);
        }
        if (denseWeight < 0 || lexicalWeight < 0 || denseWeight + lexicalWeight == 0) {
            throw new IllegalArgumentException("fusion weights must be non-negative and not both 0");
        }
    }

    /** How many candidates each leg should fetch so that fusion can still fill {@code topK}. */
    public static int candidates(int topK) {
        return Math.min(16_384, Math.max(topK * 4, 50));
    }

    /** The fused top-{@code topK}; metadata comes from whichever leg returned the row. */
    public List<SearchResult> fuse(List<SearchResult> dense, List<SearchResult> lexical, int topK) {
        Map<String, Double> scores = new HashMap<>();
        Map<String, SearchResult> rows = new LinkedHashMap<>();
        add(dense, denseWeight, scores, rows);
        add(lexical, lexicalWeight, scores, rows);
        List<SearchResult> fused = new ArrayList<>(rows.size());
        rows.forEach((id, r) -> fused.add(new SearchResult(id, scores.get(id).floatValue(), r.metadata())));
        fused.sort(Comparator.comparingDouble(SearchResult::score).reversed().thenComparing(SearchResult::id));
        return List.copyOf(fused.subList(0, Math.min(topK, fused.size())));
    }

    private void add(List<SearchResult> results, double weight, Map<String, Double> scores, Map<String, SearchResult> rows) {
        for (int rank = 0; rank < results.size(); rank++) {
            SearchResult r = results.get(rank);
            scores.merge(r.id(), weight / (k + rank + 1), Double::sum);
            rows.putIfAbsent(r.id(), r);
        }
    }
}
