package dev.codeindexer.config;

import dev.codeindexer.store.Fusion;

/**
 * The {@code search} block: how queries are ranked unless a command says otherwise. The defaults were chosen on both
 * protocols of the built-in evaluation together (README, "Retrieval quality"): min-max normalised scores mixed
 * 0.7 dense / 0.3 lexical, without the name signal, beat 0.8 / 0.2 with it by 0.058 MRR@10 on the hand-written
 * questions (every project gained) and stayed within 0.004 of it on the doc-sentence protocol; every
 * reciprocal-rank variant measured was worse on both.
 *
 * @param mode          hybrid (default), dense or lexical
 * @param fusion        relative_score (default) or rrf: how hybrid search combines its legs
 * @param rrfK          reciprocal-rank-fusion constant (rrf only)
 * @param denseWeight   weight of the vector leg in hybrid search
 * @param lexicalWeight weight of the BM25 leg in hybrid search
 * @param nameWeight    weight of the name signal in lexical and hybrid search (how much of a hit's entity name the
 *                      query spells out), added to the min-max normalised score; 0 turns it off
 * @param proseWeight   factor on the score of documentation hits (Markdown, plain text) and of a file's leftover
 *                      lines (imports and top-level statements outside any entity) so that, for the same
 *                      relevance, the code's entities come first; 1 turns it off. Not applied when a filter asks
 *                      for prose or leftovers
 * @param testWeight    factor on the score of hits in test code (test directories, {@code *Test.java},
 *                      {@code test_*.py}, {@code *_test.go}, {@code *.spec.ts}...); 1 turns it off. Not applied when
 *                      a path glob is given
 */
public record SearchSettings(String mode, String fusion, Integer rrfK, Double denseWeight, Double lexicalWeight,
                             Double nameWeight, Double proseWeight, Double testWeight) {
    /**
     * Off: on questions in people's words it lifted short names that a long question spells out by chance
     * ({@code Error}, {@code Find}); README, "Retrieval quality". Short identifier queries still put the
     * definition first through the identifier order, which does not depend on it.
     */
    public static final double DEFAULT_NAME_WEIGHT = 0;
    /** Chosen on the hand-written questions and checked on the doc-sentence protocol (README, "Retrieval quality"). */
    public static final double DEFAULT_PROSE_WEIGHT = 0.5;
    public static final double DEFAULT_TEST_WEIGHT = 0.5;

    public SearchSettings {
        mode = Check.oneOf("search.mode", Check.or(mode, "hybrid"), java.util.List.of("hybrid", "dense", "lexical"));
        fusion = Check.oneOf("search.fusion", Check.or(fusion, "relative_score"), java.util.List.of("relative_score", "rrf"));
        rrfK = Check.range("search.rrf_k", Check.or(rrfK, 60), 1, 10_000);
        denseWeight = Check.or(denseWeight, 0.7);
        lexicalWeight = Check.or(lexicalWeight, 0.3);
        if (denseWeight < 0 || lexicalWeight < 0 || denseWeight + lexicalWeight == 0) {
            throw new ConfigException("search.dense_weight and search.lexical_weight must be >= 0 and not both 0");
        }
        nameWeight = Check.or(nameWeight, DEFAULT_NAME_WEIGHT);
        if (nameWeight < 0 || nameWeight > 10) {
            throw new ConfigException("search.name_weight must be from 0 (off) to 10, got " + nameWeight);
        }
        proseWeight = weight("search.prose_weight", Check.or(proseWeight, DEFAULT_PROSE_WEIGHT));
        testWeight = weight("search.test_weight", Check.or(testWeight, DEFAULT_TEST_WEIGHT));
    }

    public static SearchSettings defaults() {
        return new SearchSettings(null, null, null, null, null, null, null, null);
    }

    private static double weight(String key, double value) {
        if (!(value > 0) || value > 1) {
            throw new ConfigException(key + " must be above 0 and at most 1 (1: no demotion), got " + value);
        }
        return value;
    }

    /** The fusion these settings describe. */
    public Fusion toFusion() {
        return new Fusion("rrf".equals(fusion) ? Fusion.Method.RRF : Fusion.Method.RELATIVE_SCORE, rrfK, denseWeight,
                lexicalWeight);
    }
}
