package dev.codeindexer.config;

import dev.codeindexer.store.Fusion;

/**
 * The {@code search} block: how queries are ranked unless a command says otherwise. The defaults were chosen by the
 * built-in evaluation (README, "Retrieval quality"): min-max normalised scores mixed 0.8 dense / 0.2 lexical beat
 * both single modes and every reciprocal-rank variant measured on six real corpora and a held-out seed.
 *
 * @param mode          hybrid (default), dense or lexical
 * @param fusion        relative_score (default) or rrf: how hybrid search combines its legs
 * @param rrfK          reciprocal-rank-fusion constant (rrf only)
 * @param denseWeight   weight of the vector leg in hybrid search
 * @param lexicalWeight weight of the BM25 leg in hybrid search
 * @param nameWeight    weight of the name signal in lexical and hybrid search (how much of a hit's entity name the
 *                      query spells out), added to the min-max normalised score; 0 turns it off
 */
public record SearchSettings(String mode, String fusion, Integer rrfK, Double denseWeight, Double lexicalWeight,
                             Double nameWeight) {
    /** The name signal's weight chosen by the evaluation (README, "Retrieval quality"). */
    public static final double DEFAULT_NAME_WEIGHT = 0.2;

    public SearchSettings {
        mode = Check.oneOf("search.mode", Check.or(mode, "hybrid"), java.util.List.of("hybrid", "dense", "lexical"));
        fusion = Check.oneOf("search.fusion", Check.or(fusion, "relative_score"), java.util.List.of("relative_score", "rrf"));
        rrfK = Check.range("search.rrf_k", Check.or(rrfK, 60), 1, 10_000);
        denseWeight = Check.or(denseWeight, 0.8);
        lexicalWeight = Check.or(lexicalWeight, 0.2);
        if (denseWeight < 0 || lexicalWeight < 0 || denseWeight + lexicalWeight == 0) {
            throw new ConfigException("search.dense_weight and search.lexical_weight must be >= 0 and not both 0");
        }
        nameWeight = Check.or(nameWeight, DEFAULT_NAME_WEIGHT);
        if (nameWeight < 0 || nameWeight > 10) {
            throw new ConfigException("search.name_weight must be from 0 (off) to 10, got " + nameWeight);
        }
    }

    public static SearchSettings defaults() {
        return new SearchSettings(null, null, null, null, null, null);
    }

    /** The fusion these settings describe. */
    public Fusion toFusion() {
        return new Fusion("rrf".equals(fusion) ? Fusion.Method.RRF : Fusion.Method.RELATIVE_SCORE, rrfK, denseWeight,
                lexicalWeight);
    }
}
