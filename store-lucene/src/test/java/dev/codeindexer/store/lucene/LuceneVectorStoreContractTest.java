package dev.codeindexer.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.store.ContractFixtures;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreContractTest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LuceneVectorStoreContractTest extends VectorStoreContractTest {
    @Override
    protected VectorStore newStore(Path dir) {
        return new LuceneVectorStore(dir, LuceneConfig.defaults());
    }

    /**
     * Opening, releasing and rolling back a writer replaces the collection's searcher manager; a read on another
     * thread (the embedding pass reads rows while the indexer writes) must move to the new one, never fail.
     */
    @Test
    void readsOnAnotherThreadNeverFailWhileWritersComeAndGo() throws Exception {
        var batch = ContractFixtures.rows(20, 3);
        String name = filledCollection(DistanceMetric.COSINE, batch);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                try {
                    assertThat(store.get(name, batch.ids())).hasSize(20);
                } catch (Throwable t) {
                    failures.add(t);
                }
            }
        });
        try {
            for (int i = 0; i < 300; i++) {
                store.upsert(name, batch.vectors().subList(0, 1), batch.metadata().subList(0, 1), batch.ids().subList(0, 1));
                store.release(name);
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(failures).isEmpty();
    }
}
