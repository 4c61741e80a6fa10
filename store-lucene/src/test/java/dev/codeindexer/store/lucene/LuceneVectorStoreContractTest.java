package dev.codeindexer.store.lucene;

import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreContractTest;
import java.nio.file.Path;

class LuceneVectorStoreContractTest extends VectorStoreContractTest {
    @Override
    protected VectorStore newStore(Path dir) {
        return new LuceneVectorStore(dir, LuceneConfig.defaults());
    }
}
