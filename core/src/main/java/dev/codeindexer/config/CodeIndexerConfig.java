package dev.codeindexer.config;

/** The whole configuration file; every block and key has a default, so an empty file is valid. */
public record CodeIndexerConfig(VectorStoreConfig vectorStore, EmbeddingSettings embedding) {
    public CodeIndexerConfig {
        vectorStore = Check.or(vectorStore, VectorStoreConfig.defaults());
        embedding = Check.or(embedding, EmbeddingSettings.defaults());
    }

    public static CodeIndexerConfig defaults() {
        return new CodeIndexerConfig(null, null);
    }

    public CodeIndexerConfig withVectorStore(VectorStoreConfig newVectorStore) {
        return new CodeIndexerConfig(newVectorStore, embedding);
    }
}
