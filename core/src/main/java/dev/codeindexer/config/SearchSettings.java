package dev.codeindexer.config;

/**
 * The {@code search} block: how queries are ranked unless a command says otherwise.
 *
 * @param mode          hybrid (default), dense or lexical
 * @param rrfK          reciprocal-rank-fusion constant
 * @param denseWeight   weight of the vector leg in hybrid search
 * @param lexicalWeight weight of the BM25 leg in hybrid search
 */
public record SearchSettings(String mode, Integer rrfK, Double denseWeight, Double lexicalWeight) {
    public SearchSettings {
        mode = Check.oneOf("search.mode", Check.or(mode, "hybrid"), java.util.List.of("hybrid", "dense", "lexical"));
        rrfK = Check.range("search.rrf_k", Check.or(rrfK, 60), 1, 10_000);
        denseWeight = Check.or(denseWeight, 1.0);
        lexicalWeight = Check.or(lexicalWeight, 1.0);
        if (denseWeight < 0 || lexicalWeight < 0 || denseWeight + lexicalWeight == 0) {
            throw new ConfigException("search.dense_weight and search.lexical_weight must be >= 0 and not both 0");
        }
    }

    public static SearchSettings defaults() {
        return new SearchSettings(null, null, null, null);
    }
}
