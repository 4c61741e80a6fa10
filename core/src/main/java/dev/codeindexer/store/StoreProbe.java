package dev.codeindexer.store;

import java.util.function.Supplier;

/** A backend's readiness check, kept open between checks so that a health endpoint polled often stays cheap. */
public interface StoreProbe extends AutoCloseable {
    /** Returns when the store can serve; throws a {@link VectorStoreException} (or similar) saying why not. */
    void check();

    @Override
    void close();

    /** A probe that keeps one connected store, lists its collections, and reconnects after a failure. */
    static StoreProbe connecting(Supplier<VectorStore> stores) {
        return new StoreProbe() {
            private VectorStore store;

            @Override
            public synchronized void check() {
                try {
                    if (store == null) {
                        VectorStore s = stores.get();
                        s.connect();
                        store = s;
                    }
                    store.listCollections();
                } catch (RuntimeException e) {
                    close(); // reconnect on the next check: the server may be back
                    throw e;
                }
            }

            @Override
            public synchronized void close() {
                VectorStore s = store;
                store = null;
                if (s != null) {
                    s.close();
                }
            }
        };
    }
}
