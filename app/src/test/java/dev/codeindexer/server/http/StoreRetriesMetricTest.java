package dev.codeindexer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.server.ServeFixture;
import dev.codeindexer.store.milvus.MilvusTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's retries reach the {@code /metrics} that production exports: {@code serve} against a Milvus server of
 * its own, which dies after the first readiness check, so that the next check is retried and then fails.
 */
class StoreRetriesMetricTest {
    @TempDir
    Path home;
    private MilvusTestServer.Local milvus;
    private ServeFixture server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (milvus != null) {
            milvus.kill();
        }
    }

    @Test
    void aRetriedStoreCallIsCountedOnMetrics() throws Exception {
        milvus = MilvusTestServer.Local.startOwn(home.resolve("milvus"));
        Path config = Files.writeString(home.resolve("milvus.yaml"), """
                vector_store:
                  type: milvus
                  milvus:
                    uri: %s
                    timeout: 2
                    max_retries: 2
                    retry_backoff_ms: 50
                """.formatted(milvus.uri()));
        server = ServeFixture.start(home, "--config", config.toString());
        assertThat(server.get("/health/ready").statusCode()).as(server.log()).isEqualTo(200);
        assertThat(server.get("/metrics").body()).doesNotContain("code_indexer_store_retries_total");

        milvus.kill();
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(server.get("/metrics").body()).containsPattern(
                "code_indexer_store_retries_total\\{backend=\"milvus\",operation=\"[a-z_]+\",outcome=\"error\"} 2\\.0");
    }
}
