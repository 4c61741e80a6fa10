package dev.codeindexer.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation's outcome: metrics per mode overall, per language and per corpus, and per mode the latency of one
 * search call (query embedding, the legs, fusion).
 */
public record EvalReport(List<String> corpora, Map<String, Metrics.Summary> modes,
                         @JsonProperty("by_language") Map<String, Map<String, Metrics.Summary>> byLanguage,
                         @JsonProperty("by_corpus") Map<String, Map<String, Metrics.Summary>> byCorpus,
                         @JsonProperty("latency_ms") Map<String, Latency> latency) {

    /** Per-query latency percentiles, in milliseconds. */
    public record Latency(long queries, double p50, double p95) {
        static Latency of(List<Long> nanos) {
            if (nanos.isEmpty()) {
                return new Latency(0, 0, 0);
            }
            List<Long> sorted = new ArrayList<>(nanos);
            Collections.sort(sorted);
            return new Latency(sorted.size(), pct(sorted, 0.50), pct(sorted, 0.95));
        }

        private static double pct(List<Long> sorted, double p) {
            int i = (int) Math.ceil(p * sorted.size()) - 1;
            return Math.round(sorted.get(Math.max(0, i)) / 10_000.0) / 100.0;
        }
    }

    /** A plain-text table of the overall figures, for the terminal and the README. */
    public String table() {
        StringBuilder s = new StringBuilder("| mode | queries | MRR@10 | hit@1 | hit@10 | NDCG@10 | p50 ms | p95 ms |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        modes.forEach((mode, m) -> {
            Latency l = latency.getOrDefault(mode, new Latency(0, 0, 0));
            s.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f |%n",
                    mode, m.queries(), m.mrr10(), m.hit1(), m.hit10(), m.ndcg10(), l.p50(), l.p95()));
        });
        return s.toString();
    }
}
