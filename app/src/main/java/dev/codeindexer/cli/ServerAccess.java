package dev.codeindexer.cli;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.config.SearchSettings;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.ForwardingEmbeddingModel;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.DryRun;
import dev.codeindexer.index.GitRevision;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.IndexLock;
import dev.codeindexer.index.IndexProgress;
import dev.codeindexer.index.IndexReport;
import dev.codeindexer.server.IndexAccess;
import dev.codeindexer.store.StoreContext;
import dev.codeindexer.store.StoreProbe;
import dev.codeindexer.store.VectorStoreFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
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
    /** The backend's readiness check, kept between checks (a server's connection is reused); null until needed. */
    private StoreProbe probe;
    /**
     * The one embedding model (behind the one embedding cache) of every codebase this server opens: an ONNX session
     * holds hundreds of MB, and only one opener of a cache file in a process may write to it. Null until needed.
     */
    private EmbeddingModel model;

    @Override
    public GitRevision revision(Path repository, String rev) {
        return GitRevision.resolve(repository, rev, env);
    }

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
    public boolean hasIndex(Path root) {
        return workspace(root).location().exists();
    }

    @Override
    public List<Path> indexedCodebases() {
        return IndexLocation.indexedCodebases(env, VectorStoreFactory.provider(config.vectorStore()).type());
    }

    @Override
    public IndexReport index(Codebase codebase, boolean full, Consumer<IndexProgress> progress) {
        Workspace ws = workspace(codebase.location().codebase());
        try (IndexLock lock = codebase.lock("a server's index job" + (full ? " (full)" : ""), false);
             Chunker chunker = ws.chunker(codebase.model())) {
            return ws.indexer(codebase, chunker).run(full, progress);
        }
    }

    @Override
    public DryRun.Report dryRun(Path root) {
        return workspace(root).dryRun();
    }

    @Override
    public SearchSettings searchSettings() {
        return config.search();
    }

    /** Asks the selected backend whether it can serve: a server answers, a local directory is writable. */
    @Override
    public synchronized void probeStore() {
        if (probe == null) {
            probe = VectorStoreFactory.provider(config.vectorStore()).probe(config.vectorStore(),
                    metrics == null ? StoreContext.unmetered(IndexLocation.dataHome(env))
                            : new StoreContext(IndexLocation.dataHome(env), metrics));
        }
        probe.check();
    }

    private void closeProbe() {
        StoreProbe p = probe;
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
