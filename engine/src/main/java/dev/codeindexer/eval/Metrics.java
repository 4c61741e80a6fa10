package dev.codeindexer.eval;

/**
 * Ranking quality over a set of queries with one answer each: MRR@10, hit@1, hit@10 and NDCG@10 (binary
 * relevance, so NDCG is 1/log2(1 + rank) of the first relevant hit).
 */
public final class Metrics {
    private long queries;
    private double reciprocalRanks;
    private long hit1;
    private long hit10;
    private double ndcg;

    /** Adds one query whose first relevant hit is at {@code rank} (1-based), or 0 when none is in the results. */
    public void add(int rank) {
        queries++;
        if (rank >= 1 && rank <= 10) {
            reciprocalRanks += 1.0 / rank;
            hit10++;
            ndcg += 1.0 / (Math.log(1 + rank) / Math.log(2));
            if (rank == 1) {
                hit1++;
            }
        }
    }

    public long queries() {
        return queries;
    }

    public double mrr10() {
        return queries == 0 ? 0 : reciprocalRanks / queries;
    }

    public double hit1() {
        return queries == 0 ? 0 : (double) hit1 / queries;
    }

    public double hit10() {
        return queries == 0 ? 0 : (double) hit10 / queries;
    }

    public double ndcg10() {
        return queries == 0 ? 0 : ndcg / queries;
    }

    /** The figures as a JSON-friendly record. */
    public Summary summary() {
        return new Summary(queries, round(mrr10()), round(hit1()), round(hit10()), round(ndcg10()));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /** Metrics of one mode on one slice of the queries. */
    public record Summary(long queries, @com.fasterxml.jackson.annotation.JsonProperty("mrr@10") double mrr10,
                          @com.fasterxml.jackson.annotation.JsonProperty("hit@1") double hit1,
                          @com.fasterxml.jackson.annotation.JsonProperty("hit@10") double hit10,
                          @com.fasterxml.jackson.annotation.JsonProperty("ndcg@10") double ndcg10) {
    }
}
