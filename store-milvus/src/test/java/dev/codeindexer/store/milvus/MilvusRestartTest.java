package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.ContractFixtures;
import dev.codeindexer.store.ContractFixtures.Batch;
import dev.codeindexer.store.DistanceMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        server = MilvusTestServer.Local.startOwn(dir.resolve("data"));
        MilvusVectorStore store = new MilvusVectorStore(MilvusTestServer.config(server.uri(),
                "timeout: 1\nmax_retries: 30\nretry_backoff_ms: 100\nbatch_size: 25"), registry);
        store.connect();
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
        // The store's own registry counted the retries, labelled with the operation and the outcome of its call
        // (a read retried until the server was back may then fail as "not loaded", which the store handles).
        Collection<Counter> retries = registry.find(MilvusConnection.RETRIES_METRIC).tag("backend", "milvus").counters();
        assertThat(retries.stream().mapToDouble(Counter::count).sum()).isPositive();
        List<String> operations = Arrays.stream(MilvusOperation.values()).map(MilvusOperation::label).toList();
        assertThat(retries).allSatisfy(c -> {
            assertThat(c.getId().getTag("operation")).isIn(operations);
            assertThat(c.getId().getTag("outcome")).isIn("success", "error");
        });
        store.dropCollection(name);
        store.close();
    }
}
