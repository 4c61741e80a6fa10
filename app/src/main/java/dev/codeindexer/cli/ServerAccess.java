package dev.codeindexer.cli;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.config.SearchSettings;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.ForwardingEmbeddingModel;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.IndexException;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.IndexProgress;
import dev.codeindexer.index.IndexReport;
import dev.codeindexer.server.IndexAccess;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The servers' way to the indexes, built like the commands' {@link Workspace}: each codebase's index lives where
 * {@code code-indexer index DIR} puts it, so the CLI and a server share indexes (one at a time for the embedded
 * store, which admits one writer per index).
 */
final class ServerAccess implements IndexAccess, AutoCloseable {
    private final CodeIndexerConfig config;
    private final Map<String, String> env;
    private final MeterRegistry metrics;
    /** The connection readiness probes reuse, for stores that are servers; null until first needed. */
    private VectorStore probe;
    /**
     * The one embedding model (behind the one embedding cache) of every codebase this server opens: an ONNX session
     * holds hundreds of MB, and only one opener of a cache file in a process may write to it. Null until needed.
     */
    private EmbeddingModel model;

    ServerAccess(CodeIndexerConfig config, Map<String, String> env, MeterRegistry metrics) {
        this.config = config;
        this.env = env;
        this.metrics = metrics;
    }

    private Workspace workspace(Path root) {
        return Workspace.forServer(config, env, root, metrics, this::lend);
    }

    /** A view of the server's model that a codebase may close without closing it for the others. */
    synchronized EmbeddingModel lend() {
        if (model == null) {
            model = Workspace.model(config, IndexLocation.cacheDir(env), metrics);
        }
        return new Lent(model);
    }

    /** Closing a codebase closes its model; when the model is the server's, that must leave it open. */
    static final class Lent extends ForwardingEmbeddingModel {
        private Lent(EmbeddingModel model) {
            super(model);
        }

        EmbeddingModel lender() {
            return delegate;
        }

        @Override
        public void close() {
            // The server closes the model when it stops.
        }
    }

    @Override
    public Codebase open(Path root) {
        return workspace(root).open();
    }

    @Override
    public IndexReport index(Codebase codebase, boolean full, Consumer<IndexProgress> progress) {
        Workspace ws = workspace(codebase.location().codebase());
        try (Chunker chunker = ws.chunker(codebase.model())) {
            return ws.indexer(codebase, chunker).run(full, progress);
        }
    }

    @Override
    public SearchSettings searchSettings() {
        return config.search();
    }

    /**
     * The embedded store is reachable when the data directory is writable; a store server when it answers a
     * listing of its collections.
     */
    @Override
    public synchronized void probeStore() {
        if ("lucene".equals(config.vectorStore().type())) {
            Path home = IndexLocation.dataHome(env);
            try {
                Files.createDirectories(home);
            } catch (IOException e) {
                throw new IndexException("the data directory " + home + " cannot be created (" + e.getMessage() + ")", e);
            }
            if (!Files.isWritable(home)) {
                throw new IndexException("the data directory " + home + " is not writable");
            }
            return;
        }
        try {
            if (probe == null) {
                VectorStore store = VectorStoreFactory.create(config.vectorStore());
                store.connect();
                probe = store;
            }
            probe.listCollections();
        } catch (RuntimeException e) {
            closeProbe(); // reconnect on the next probe: the server may be back
            throw e;
        }
    }

    private void closeProbe() {
        VectorStore p = probe;
        probe = null;
        if (p != null) {
            p.close();
        }
    }

    /** Closes the store probe and the model; the codebases that borrowed the model are closed already. */
    @Override
    public synchronized void close() {
        try {
            closeProbe();
        } finally {
            if (model != null) {
                model.close();
                model = null;
            }
        }
    }
}
