package dev.codeindexer.store.milvus;

import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreContractTest;

import java.nio.file.Path;

/**
 * The shared store contract with every collection a slice of one shared Milvus collection
 * ({@code shared_collection}): the store must behave exactly as with a collection each.
 */
class MilvusSharedContractTest extends VectorStoreContractTest {
    @Override
    protected VectorStore newStore(Path dir) {
        return new MilvusVectorStore(MilvusTestServer.config("shared_collection: ci_contract_shared"));
    }
}
