package dev.codeindexer.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.MeteredVectorStore;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreContractTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics decorator must be transparent: it passes the whole contract, and it counts what it saw. */
class MeteredLuceneStoreContractTest extends VectorStoreContractTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    protected VectorStore newStore(Path dir) {
        return new MeteredVectorStore(new LuceneVectorStore(dir, LuceneConfig.defaults()), registry);
    }

    @Test
    void callsAndRowsAreCountedPerOperationWithTheBackendTag() {
        String name = collection(DistanceMetric.COSINE);
        var batch = dev.codeindexer.store.ContractFixtures.rows(7, 1);
        store.insert(name, batch.vectors(), batch.metadata(), batch.ids());
        store.delete(name, List.of("r1", "r2"));
        assertThat(registry.get("code_indexer_store_rows").tags("backend", "lucene", "operation", "insert").counter().count())
                .isEqualTo(7.0);
        assertThat(registry.get("code_indexer_store_rows").tags("operation", "delete").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("code_indexer_store_requests").tags("operation", "insert", "outcome", "success").timer().count())
                .isEqualTo(1);
    }
}
