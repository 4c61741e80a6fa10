package dev.codeindexer.store.lucene;

import dev.codeindexer.config.Check;
/**
 * The {@code vector_store.lucene} block.
 *
 * @param path           root directory of the collections (one sub-directory each); when unset, each codebase's
 *                       index lives in its own directory under the user's data dir
 * @param hnswM          HNSW graph degree
 * @param efConstruction HNSW build breadth
 * @param searchEf       candidates explored per search (raised to top-k when smaller)
 * @param batchSize      rows the indexer hands to one write, each one commit (1024: half of java.base was searchable
 *                       after 26 s instead of 30 s with 256, fewer commits and fewer segments to merge)
 */
public record LuceneConfig(String path, Integer hnswM, Integer efConstruction, Integer searchEf, Integer batchSize) {
    public LuceneConfig {
        hnswM = Check.range("vector_store.lucene.hnsw_m", Check.or(hnswM, 16), 2, 512);
        efConstruction = Check.range("vector_store.lucene.ef_construction", Check.or(efConstruction, 100), 1, 3200);
        searchEf = Check.range("vector_store.lucene.search_ef", Check.or(searchEf, 64), 1, 32_768);
        batchSize = Check.range("vector_store.lucene.batch_size", Check.or(batchSize, 1024), 1, 100_000);
    }

    public static LuceneConfig defaults() {
        return new LuceneConfig(null, null, null, null, null);
    }
}
