package dev.codeindexer.config;

/** The whole configuration file; every block and key has a default, so an empty file is valid. */
public record CodeIndexerConfig(VectorStoreConfig vectorStore, EmbeddingSettings embedding, SearchSettings search,
                                ServerConfig server, IndexSettings index) {
    public CodeIndexerConfig {
        vectorStore = Check.or(vectorStore, VectorStoreConfig.defaults());
        embedding = Check.or(embedding, EmbeddingSettings.defaults());
        search = Check.or(search, SearchSettings.defaults());
        server = Check.or(server, ServerConfig.defaults());
        index = Check.or(index, IndexSettings.defaults());
    }

    public static CodeIndexerConfig defaults() {
        return new CodeIndexerConfig(null, null, null, null, null);
    }

    public CodeIndexerConfig withEmbedding(EmbeddingSettings newEmbedding) {
        return new CodeIndexerConfig(vectorStore, newEmbedding, search, server, index);
    }

    public CodeIndexerConfig withVectorStore(VectorStoreConfig newVectorStore) {
        return new CodeIndexerConfig(newVectorStore, embedding, search, server, index);
    }
}
