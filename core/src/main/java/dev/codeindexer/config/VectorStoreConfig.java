package dev.codeindexer.config;

/**
 * The {@code vector_store} block.
 *
 * @param type               the backend: {@code lucene} (embedded, default) or {@code milvus}
 * @param defaultCollection  collection used when none is named
 * @param embeddingDimension the embedding model's vector dimension, or null (the default) to take the model's; when
 *                           set, building a model of another dimension fails, so a config written for one model
 *                           cannot silently index with another
 * @param metric             cosine, euclidean (l2) or dot (ip)
 */
public record VectorStoreConfig(String type, String defaultCollection, Integer embeddingDimension, String metric,
                                MilvusConfig milvus, LuceneConfig lucene) {
    public VectorStoreConfig {
        type = Check.or(type, "lucene").trim().toLowerCase(java.util.Locale.ROOT);
        defaultCollection = Check.or(defaultCollection, "code");
        if (embeddingDimension != null) {
            Check.range("vector_store.embedding_dimension", embeddingDimension, 1, 32_768);
        }
        metric = Check.oneOf("vector_store.metric", Check.or(metric, "cosine"),
                java.util.List.of("cosine", "euclidean", "l2", "dot", "ip"));
        milvus = Check.or(milvus, MilvusConfig.defaults());
        lucene = Check.or(lucene, LuceneConfig.defaults());
    }

    public static VectorStoreConfig defaults() {
        return new VectorStoreConfig(null, null, null, null, null, null);
    }

    public VectorStoreConfig withType(String newType) {
        return new VectorStoreConfig(newType, defaultCollection, embeddingDimension, metric, milvus, lucene);
    }

    public VectorStoreConfig withLucene(LuceneConfig newLucene) {
        return new VectorStoreConfig(type, defaultCollection, embeddingDimension, metric, milvus, newLucene);
    }
}
