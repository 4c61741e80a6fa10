package dev.codeindexer.eval;

import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.store.CodeTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What anyone could build in an afternoon, measured beside the product in the same run: every file cut into fixed
 * windows of {@value #WINDOW_LINES} lines, embedded by the same model and searched by brute force (cosine), or
 * scored by BM25 over the same windows. A product that does not beat it by a clear margin has not earned its parts.
 */
public final class NaiveBaseline {
    public static final int WINDOW_LINES = 40;
    private static final double K1 = 1.2;
    private static final double B = 0.75;

    /** A window: where it is and its text. */
    record Window(String file, int startLine, int endLine, String text) {
    }

    private final List<Window> windows = new ArrayList<>();
    private final List<float[]> vectors = new ArrayList<>();
    private final List<Map<String, Integer>> termCounts = new ArrayList<>();
    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final EmbeddingModel model;
    private long totalTerms;

    public NaiveBaseline(EmbeddingModel model) {
        this.model = model;
    }

    /** Adds one file (its path relative to the root, and its text), cut into windows. */
    public void add(String file, String text) {
        List<String> lines = text.lines().toList();
        for (int from = 0; from < lines.size(); from += WINDOW_LINES) {
            int to = Math.min(lines.size(), from + WINDOW_LINES);
            String body = String.join("\n", lines.subList(from, to));
            if (!body.isBlank()) {
                windows.add(new Window(file, from + 1, to, file + "\n" + body));
            }
        }
    }

    /** Embeds every window (through the model's cache, as the product does) and counts terms for BM25. */
    public void build() {
        final int batch = 64;
        for (int i = 0; i < windows.size(); i += batch) {
            vectors.addAll(model.embedDocuments(windows.subList(i, Math.min(windows.size(), i + batch)).stream()
                    .map(Window::text).toList()));
        }
        for (Window w : windows) {
            Map<String, Integer> counts = new HashMap<>();
            for (String t : terms(w.text())) {
                counts.merge(t, 1, Integer::sum);
            }
            counts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
            totalTerms += counts.values().stream().mapToInt(Integer::intValue).sum();
            termCounts.add(counts);
        }
    }

    public int windows() {
        return windows.size();
    }

    /** The best {@code k} windows by cosine similarity to the query's vector (the vectors are unit length). */
    public List<SearchHit> dense(String query, int k) {
        float[] q = model.embedQuery(query);
        double[] scores = new double[windows.size()];
        for (int i = 0; i < scores.length; i++) {
            float[] v = vectors.get(i);
            double dot = 0;
            for (int d = 0; d < q.length; d++) {
                dot += q[d] * v[d];
            }
            scores[i] = dot;
        }
        return top(scores, k);
    }

    /** The best {@code k} windows by BM25 over identifier-split, lower-cased terms. */
    public List<SearchHit> bm25(String query, int k) {
        double averageLength = windows.isEmpty() ? 1 : (double) totalTerms / windows.size();
        List<String> queryTerms = terms(query);
        double[] scores = new double[windows.size()];
        for (int i = 0; i < scores.length; i++) {
            Map<String, Integer> counts = termCounts.get(i);
            int length = counts.values().stream().mapToInt(Integer::intValue).sum();
            double score = 0;
            for (String t : queryTerms) {
                Integer tf = counts.get(t);
                if (tf != null) {
                    int df = documentFrequency.get(t);
                    double idf = Math.log(1 + (windows.size() - df + 0.5) / (df + 0.5));
                    score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / averageLength));
                }
            }
            scores[i] = score;
        }
        return top(scores, k);
    }

    private List<SearchHit> top(double[] scores, int k) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(scores[b], scores[a]));
        List<SearchHit> hits = new ArrayList<>();
        for (int i : order.subList(0, Math.min(k, order.size()))) {
            Window w = windows.get(i);
            hits.add(new SearchHit(w.file(), w.startLine(), w.endLine(), w.startLine(), w.endLine(), "", "window",
                    w.file(), (float) scores[i], w.file() + ":" + w.startLine(), w.text(), null));
        }
        return hits;
    }

    private static List<String> terms(String text) {
        return CodeTokens.tokens(text).stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }
}
