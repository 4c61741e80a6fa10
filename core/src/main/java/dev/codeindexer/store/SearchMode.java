package dev.codeindexer.store;

import dev.codeindexer.error.InvalidInputException;
import java.util.Locale;

/**
 * How a search ranks rows.
 *
 * <ul>
 *   <li>{@link #DENSE}: by vector similarity; scores follow {@link DistanceMetric}.</li>
 *   <li>{@link #LEXICAL}: by BM25 over the collection's {@link FieldType#TEXT} fields; scores are BM25 scores.</li>
 *   <li>{@link #HYBRID}: both, fused by weighted reciprocal rank ({@link Fusion}); scores are fused RRF scores.</li>
 * </ul>
 * In every mode a higher score is a better match and the filter applies before ranking.
 */
public enum SearchMode {
    DENSE, LEXICAL, HYBRID;

    public static SearchMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("unknown search mode '" + name + "'; use hybrid, dense or lexical");
        }
    }
}
