package dev.codeindexer.store.milvus;

import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreContractTest;

import java.nio.file.Path;

/** The shared store contract, run against a real Milvus-protocol server (Milvus Lite in CI). */
class MilvusVectorStoreContractTest extends VectorStoreContractTest {
    @Override
    protected VectorStore newStore(Path dir) {
        return new MilvusVectorStore(MilvusTestServer.config(""));
    }
}
