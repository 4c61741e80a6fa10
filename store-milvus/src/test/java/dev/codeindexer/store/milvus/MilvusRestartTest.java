package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.ContractFixtures;
import dev.codeindexer.store.ContractFixtures.Batch;
import dev.codeindexer.store.DistanceMetric;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Milvus server that dies and comes back mid-run: writes in flight are retried with backoff, a retried insert
 * becomes an upsert, and the final count is exact (nothing lost, nothing doubled). Uses a server of its own, so
 * that killing it does not disturb the other tests.
 */
class MilvusRestartTest {
    @TempDir
    Path dir;
    private MilvusTestServer.Local server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void aRunSurvivesAServerRestartWithExactCounts() throws Exception {
        MilvusTestServer.uri(); // skips (or fails under CI) when Milvus Lite is not installed
        Path binary = MilvusTestServer.binary();
        if (binary == null) {
            MilvusTestServer.unavailable("the restart test needs the milvus-lite command (CODE_INDEXER_MILVUS_LITE or PATH)");
        }
        // The global registry counts nothing until a real registry joins it (the servers add Prometheus's).
        Metrics.addRegistry(new SimpleMeterRegistry());
        server = MilvusTestServer.Local.start(binary, dir.resolve("data"), MilvusTestServer.freePort());
        MilvusVectorStore store = new MilvusVectorStore(MilvusTestServer.config(server.uri(),
                "timeout: 1\nmax_retries: 30\nretry_backoff_ms: 100\nbatch_size: 25"));
        store.connect();
        double retriesBefore = retries();
        String name = "restart_" + System.nanoTime();
        store.createCollection(new CollectionSpec(name, ContractFixtures.DIM, ContractFixtures.SCHEMA, DistanceMetric.COSINE));
        Batch b = ContractFixtures.rows(600, 41);
        CountDownLatch halfway = new CountDownLatch(1);
        List<Throwable> failures = new ArrayList<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                // Small paced batches, so that some of them are in flight while the server is down.
                for (int from = 0; from < 600; from += 10) {
                    if (from == 100) {
                        halfway.countDown();
                    }
                    store.insert(name, b.vectors().subList(from, from + 10), b.metadata().subList(from, from + 10),
                            b.ids().subList(from, from + 10));
                    Thread.sleep(40);
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
        server.kill();
        Thread.sleep(3_000); // longer than the 1 s call deadline, so calls fail and are retried
        server.start();
        writer.join(TimeUnit.MINUTES.toMillis(3));
        assertThat(writer.isAlive()).isFalse();
        assertThat(failures).isEmpty();
        assertThat(store.count(name, null)).isEqualTo(600);
        assertThat(store.get(name, b.ids())).hasSize(600);
        assertThat(retries()).isGreaterThan(retriesBefore);
        store.dropCollection(name);
        store.close();
    }

    private static double retries() {
        var counter = Metrics.globalRegistry.find("code_indexer_store_retries").counter();
        return counter == null ? 0 : counter.count();
    }
}
