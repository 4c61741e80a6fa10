package dev.codeindexer.config;

/**
 * The {@code vector_store.lucene} block.
 *
 * @param path           root directory of the collections (one sub-directory each); when unset, the CLI uses a
 *                       per-codebase directory under the user's data dir
 * @param hnswM          HNSW graph degree
 * @param efConstruction HNSW build breadth
 * @param searchEf       candidates explored per search (raised to top-k when smaller)
 */
public record LuceneConfig(String path, Integer hnswM, Integer efConstruction, Integer searchEf) {
    public LuceneConfig {
        hnswM = Check.range("vector_store.lucene.hnsw_m", Check.or(hnswM, 16), 2, 512);
        efConstruction = Check.range("vector_store.lucene.ef_construction", Check.or(efConstruction, 100), 1, 3200);
        searchEf = Check.range("vector_store.lucene.search_ef", Check.or(searchEf, 64), 1, 32_768);
    }

    public static LuceneConfig defaults() {
        return new LuceneConfig(null, null, null, null);
    }

    public LuceneConfig withPath(String newPath) {
        return new LuceneConfig(newPath, hnswM, efConstruction, searchEf);
    }
}
