package dev.codeindexer.search;

import dev.codeindexer.store.CodeTokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The name signal of lexical and hybrid search: how much of a hit's entity name the query spells out. Doc-like
 * queries paraphrase the function they describe ("Loads the Flask app" for {@code ScriptInfo.load_app}, "Opens
 * this circuit breaker" for {@code CircuitBreaker.open}); BM25 over the whole chunk dilutes that match among the
 * words of the body, so the hits are re-scored as {@code normalised score + weight * coverage}, where the score is
 * min-max normalised over the candidates and coverage is the share of the name's parts ({@code load}, {@code app})
 * among the query's words. Plurals and third-person verbs meet their stems ("Loads" meets {@code load}).
 */
final class NameMatch {
    private NameMatch() {
    }

    /** {@code hits} re-scored and re-sorted (best first, ties in their old order); unchanged when weight is 0. */
    static List<SearchHit> rescore(List<SearchHit> hits, String query, double weight) {
        if (weight == 0 || hits.isEmpty()) {
            return hits;
        }
        Set<String> words = queryWords(query);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (SearchHit h : hits) {
            min = Math.min(min, h.score());
            max = Math.max(max, h.score());
        }
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            double normalised = max > min ? (h.score() - min) / (max - min) : 1.0;
            float score = (float) (normalised + weight * coverage(h.entityId(), words));
            out.add(h.withScore(score));
        }
        out.sort(Comparator.comparingDouble(SearchHit::score).reversed()); // stable: ties keep the store's order
        return out;
    }

    /** The share of the parts of the entity's own name ({@code StrTokenizer.getDelimiterMatcher}: get, delimiter, matcher) found in {@code words}. */
    static double coverage(String entityId, Set<String> words) {
        List<String> tokens = CodeTokens.tokens(Ranking.simpleName(entityId));
        if (tokens.isEmpty()) {
            return 0;
        }
        // tokens() gives the whole identifier first when it has parts; the parts are what a sentence can spell out.
        List<String> parts = tokens.size() > 1 ? tokens.subList(1, tokens.size()) : tokens;
        int found = 0;
        for (String part : parts) {
            if (words.contains(stem(part))) {
                found++;
            }
        }
        return (double) found / parts.size();
    }

    /** The query's words and identifier parts, lower-cased and stemmed, without stop words. */
    static Set<String> queryWords(String query) {
        Set<String> words = new HashSet<>();
        for (String token : CodeTokens.tokens(query)) {
            if (!QueryText.isStopWord(token)) {
                words.add(stem(token));
            }
        }
        return words;
    }

    /**
     * A lower-cased word without its plural or third-person "s" ({@code loads -> load}, {@code entries -> entry},
     * {@code matches -> match}), after Harman's S-stemmer; words ending in "ss", "us" or "is" ({@code class},
     * {@code status}, {@code analysis}) and words under four letters ({@code has}) stay whole. Both sides of a
     * comparison are stemmed, so a wrong guess ({@code caches -> cach}) costs only a match that was missing anyway.
     */
    static String stem(String word) {
        int n = word.length();
        if (n < 4 || word.charAt(n - 1) != 's') {
            return word;
        }
        char before = word.charAt(n - 2);
        if (before == 's' || before == 'u' || before == 'i') {
            return word;
        }
        if (word.endsWith("ies")) {
            char c = word.charAt(n - 4);
            return c == 'a' || c == 'e' ? word : word.substring(0, n - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("shes") || word.endsWith("ches") || word.endsWith("xes")) {
            return word.substring(0, n - 2);
        }
        if (word.endsWith("aes") || word.endsWith("ees") || word.endsWith("oes")) {
            return word;
        }
        return word.substring(0, n - 1);
    }
}
