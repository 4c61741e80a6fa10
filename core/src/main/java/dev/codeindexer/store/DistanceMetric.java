package dev.codeindexer.store;

import java.util.Locale;

/**
 * How vectors are compared. Whatever the backend, a {@link SearchResult#score()} is "higher is more similar":
 *
 * <ul>
 *   <li>{@link #COSINE}: the cosine similarity, in [-1, 1].</li>
 *   <li>{@link #EUCLIDEAN}: {@code 1 / (1 + d²)} where d is the Euclidean (L2) distance, in (0, 1].</li>
 *   <li>{@link #DOT}: the raw dot product (inner product), unbounded.</li>
 * </ul>
 */
public enum DistanceMetric {
    COSINE, EUCLIDEAN, DOT;

    /** Parses {@code cosine, euclidean|l2, dot|ip|inner_product}, case-insensitively. */
    public static DistanceMetric parse(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "cosine" -> COSINE;
            case "euclidean", "l2" -> EUCLIDEAN;
            case "dot", "ip", "inner_product", "dot_product" -> DOT;
            default -> throw new IllegalArgumentException(
                    "unknown distance metric '" + name + "'; use cosine, euclidean (l2) or dot (ip)");
        };
    }

    /** The score of a pair of vectors under this metric, as every store reports it. */
    public float score(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("dimensions differ: " + a.length + " vs " + b.length);
        }
        double dot = 0, na = 0, nb = 0, d2 = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            double diff = (double) a[i] - b[i];
            d2 += diff * diff;
        }
        return switch (this) {
            case COSINE -> (na == 0 || nb == 0) ? 0f : (float) (dot / Math.sqrt(na * nb));
            case EUCLIDEAN -> (float) (1.0 / (1.0 + d2));
            case DOT -> (float) dot;
        };
    }
}
