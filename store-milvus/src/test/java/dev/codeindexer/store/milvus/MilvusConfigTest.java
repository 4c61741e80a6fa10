package dev.codeindexer.store.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.config.ConfigException;
import dev.codeindexer.config.ConfigLoader;
import dev.codeindexer.store.VectorStoreFactory;
import dev.codeindexer.store.lucene.LuceneConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's config shape, read by core's loader and parsed by the backends that own its sections. */
class MilvusConfigTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("MILVUS_PASSWORD", "s3cr3t: #x", "PORT", "19999")::get);

    @Test
    void theSeedShapeIsReadWithEverySnakeCaseKey() {
        String yaml = """
                vector_store:
                  type: milvus
                  default_collection: my_code
                  embedding_dimension: 768
                  milvus:
                    host: milvus.internal
                    port: ${PORT}
                    user: indexer
                    password: ${MILVUS_PASSWORD}
                    secure: true
                    connection_alias: team
                    index_type: IVF_FLAT
                    index_params: {nlist: 256}
                    search_ef: 128
                    search_nprobe: 32
                    connection_pool_size: 8
                    batch_size: 500
                    timeout: 15
                    log_level: debug
                  lucene:
                    path: /tmp/idx
                """;
        CodeIndexerConfig c = loader.parse(yaml, "code-indexer.yaml");
        MilvusConfig m = MilvusStoreProvider.settings(c.vectorStore());
        assertThat(VectorStoreFactory.provider(c.vectorStore())).isInstanceOf(MilvusStoreProvider.class);
        assertThat(m.port()).isEqualTo(19999);
        assertThat(m.password()).isEqualTo("s3cr3t: #x");
        assertThat(m.secure()).isTrue();
        assertThat(m.address()).isEqualTo("https://milvus.internal:19999");
        assertThat(m.connectionAlias()).isEqualTo("team");
        assertThat(m.indexType()).isEqualTo("IVF_FLAT");
        assertThat(m.indexParams()).containsEntry("nlist", 256);
        assertThat(m.searchEf()).isEqualTo(128);
        assertThat(m.searchNprobe()).isEqualTo(32);
        assertThat(m.connectionPoolSize()).isEqualTo(8);
        assertThat(m.timeout()).isEqualTo(15);
        assertThat(m.logLevel()).isEqualTo("DEBUG");
        assertThat(VectorStoreFactory.provider(c.vectorStore()).batchSize(c.vectorStore())).isEqualTo(500);
        assertThat(c.vectorStore().section("lucene", LuceneConfig.class).path()).isEqualTo("/tmp/idx");
        assertThat(c.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void defaultsAndTheDefaultBackend() {
        CodeIndexerConfig c = loader.parse("", "empty.yaml");
        MilvusConfig m = MilvusStoreProvider.settings(c.vectorStore());
        assertThat(m.port()).isEqualTo(19530);
        assertThat(m.indexType()).isEqualTo("HNSW");
        assertThat(m.indexParams()).containsEntry("M", 16);
        assertThat(VectorStoreFactory.provider(c.vectorStore()).type()).isEqualTo("lucene");
        assertThat(VectorStoreFactory.provider(c.vectorStore()).batchSize(c.vectorStore())).isEqualTo(1024);
    }

    @Test
    void mistakesInTheMilvusSectionAreReportedWhenTheFileIsLoadedWhateverTheType() {
        assertThatThrownBy(() -> loader.parse("vector_store:\n  milvus:\n    hots: x\n", "conf.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("conf.yaml: unknown key 'vector_store.milvus.hots'").hasMessageContaining("host");
        assertThatThrownBy(() -> loader.parse("vector_store: {milvus: {port: 70000}}", "c.yaml"))
                .hasMessageContaining("vector_store.milvus.port must be between 1 and 65535");
        assertThatThrownBy(() -> loader.parse("vector_store: {milvus: {index_type: DISKANN}}", "c.yaml"))
                .hasMessageContaining("vector_store.milvus.index_type must be one of [HNSW, IVF_FLAT, FLAT, AUTOINDEX]");
        assertThatThrownBy(() -> loader.parse("vector_store: {lucene: {hnsw_m: 1}}", "c.yaml"))
                .hasMessageContaining("vector_store.lucene.hnsw_m");
    }
}
