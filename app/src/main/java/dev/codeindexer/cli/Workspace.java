package dev.codeindexer.cli;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.ChunkerOptions;
import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.cache.CachingEmbeddingModel;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.DryRun;
import dev.codeindexer.index.GitRevision;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.Indexer;
import dev.codeindexer.index.Models;
import dev.codeindexer.index.NotIndexedException;
import dev.codeindexer.index.Worktrees;
import dev.codeindexer.server.MeteredEmbeddingModel;
import dev.codeindexer.store.VectorStoreFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/** The composition root of one command: config, index location, and the parts built from them. */
final class Workspace {
    private final CodeIndexerConfig config;
    private final IndexLocation location;
    private final MeterRegistry metrics;
    /** Where the model comes from when it is not built here: a server lends every codebase its one model. */
    private final Supplier<EmbeddingModel> lentModel;

    private Workspace(CodeIndexerConfig config, IndexLocation location, MeterRegistry metrics,
                      Supplier<EmbeddingModel> lentModel) {
        this.config = config;
        this.location = location;
        this.metrics = metrics;
        this.lentModel = lentModel;
    }

    /**
     * A workspace for evaluating {@code corpus}: its index lives apart from any normal index of the same tree
     * (under {@code --index-dir} when given, else under the data dir's {@code eval/}), because it is built with
     * the doc comments taken out.
     */
    static Workspace forEval(CommonOptions common, Path corpus, String protocol) {
        Map<String, String> env = common.env();
        CodeIndexerConfig config = common.loadConfig();
        Path root = corpus.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(corpus + " is not a directory; give unpacked source trees to evaluate on");
        }
        String name = IndexLocation.collectionName(root);
        Path parent = common.indexDir != null ? common.indexDir : IndexLocation.dataHome(env).resolve("eval");
        // One index per protocol: the doc-sentence one leaves doc comments out, the hand-written one keeps them.
        return new Workspace(config, IndexLocation.of(root, parent.resolve(name + "-" + protocol),
                "eval_" + protocol + "_" + name, env), null, null);
    }

    /**
     * The workspace of one codebase a server was asked about: the server's config, the codebase's default index
     * location, store calls measured in {@code metrics} (null for nowhere), and the server's model, which
     * {@code lentModel} hands out in views whose close leaves it open.
     */
    static Workspace forServer(CodeIndexerConfig config, Map<String, String> env, Path root, MeterRegistry metrics,
                               Supplier<EmbeddingModel> lentModel) {
        return new Workspace(config, IndexLocation.of(root, null, null, env).sharingWorktrees(storeType(config)),
                metrics, lentModel);
    }

    static Workspace of(CommonOptions common, Path dir, String collection, boolean mustExist) {
        Map<String, String> env = common.env();
        CodeIndexerConfig config = common.loadConfig();
        Path root = dir.toAbsolutePath().normalize();
        if (mustExist && !Files.isDirectory(root)) {
            throw new InvalidInputException(dir + " is not a directory; give the root of the codebase to index");
        }
        IndexLocation location = IndexLocation.of(root, common.indexDir, collection, env);
        if (common.indexDir == null && collection == null) {
            location = location.sharingWorktrees(storeType(config)); // a worktree shares the rows of another's index
        }
        return new Workspace(config, location, null, null);
    }

    /** The type the configured store records itself as, or null when the config names none known. */
    private static String storeType(CodeIndexerConfig config) {
        try {
            return VectorStoreFactory.provider(config.vectorStore()).type();
        } catch (RuntimeException e) {
            return null; // reported as the mistake it is when the store is opened
        }
    }

    /**
     * The workspace of an existing index: of {@code dir}, or with {@code rev} of that git revision of the repository
     * holding {@code dir}.
     *
     * @throws InvalidInputException when that revision is not indexed (its tree was never unpacked here)
     */
    static Workspace ofIndexed(CommonOptions common, Path dir, String rev, String collection) {
        if (rev == null) {
            return of(common, dir, collection, false);
        }
        GitRevision revision = GitRevision.resolve(dir, rev, common.env());
        if (!revision.materialized()) {
            throw new InvalidInputException("revision " + revision.describe() + " is not indexed; index it first: "
                    + "code-indexer index --rev " + rev + " " + revision.repository());
        }
        return of(common, revision.tree(), collection, false);
    }

    CodeIndexerConfig config() {
        return config;
    }

    IndexLocation location() {
        return location;
    }

    Codebase open() {
        return Codebase.open(config, location, c -> lentModel != null ? lentModel.get() : model(),
                Models.chunkerFingerprint(chunkerOptions()), metrics);
    }

    /**
     * The codebase opened for an index run, under its lock. A worktree new to a store other worktrees share first
     * records the files they have as they are here ({@link Worktrees#headStart}), before the store and the model
     * are opened, which takes more than a second; a full run records nothing ahead, as it starts from nothing.
     */
    Codebase openForIndexing(boolean full) {
        if (!full) {
            Worktrees.headStart(location, walkOptions(), storeType(config));
        }
        return open();
    }

    /**
     * The codebase's existing index, opened for reading or deleting.
     *
     * @throws NotIndexedException when it was never indexed here (checked before the store is opened, since opening
     *                             creates the index directory) or its index was deleted
     */
    Codebase openIndexed() {
        VectorStoreFactory.provider(config.vectorStore()); // a misspelt --store is the mistake to report first
        if (!location.exists()) {
            throw new NotIndexedException(location.codebase());
        }
        Codebase codebase = open();
        try {
            codebase.read(() -> {
                codebase.requireIndex();
                return null;
            });
            return codebase;
        } catch (RuntimeException e) {
            codebase.close();
            throw e;
        }
    }

    WalkOptions walkOptions() {
        return WalkOptions.defaults().withAllowSecrets(config.index().allowSecrets());
    }

    ChunkerOptions chunkerOptions() {
        return ChunkerOptions.defaults();
    }

    /**
     * The embedding model the config names, without opening any store. With metrics, the model's own calls (the
     * embedding cache's misses) are measured: that is the latency worth watching.
     */
    EmbeddingModel model() {
        return model(config, location.cacheDir(), metrics);
    }

    /** What indexing this workspace's codebase would do, with the model uncached, writing nothing. */
    DryRun.Report dryRun() {
        Path root = location.codebase();
        try (EmbeddingModel model = uncachedModel(); Chunker chunker = chunker(model)) {
            return DryRun.run(root, walkOptions(), chunker, Models.tokenCounter(model), model,
                    DryRunReport.gitTracked(root));
        }
    }

    /** The model the config names with no cache in front: nothing written, every call a real inference. */
    EmbeddingModel uncachedModel() {
        return Models.create(config, null);
    }

    /** The model {@code config} names, behind the cache in {@code cacheDir}, measured in {@code metrics} if not null. */
    static EmbeddingModel model(CodeIndexerConfig config, Path cacheDir, MeterRegistry metrics) {
        if (metrics == null) {
            return Models.create(config, cacheDir);
        }
        EmbeddingModel metered = new MeteredEmbeddingModel(Models.create(config, null), metrics);
        try {
            return CachingEmbeddingModel.open(metered, cacheDir);
        } catch (RuntimeException e) {
            metered.close();
            throw e;
        }
    }

    /** A chunker that sizes chunks in the tokens of {@code model}, as indexing does. The caller closes it. */
    Chunker chunker(EmbeddingModel model) {
        return Chunker.create(chunkerOptions().withTokenCounter(Models.tokenCounter(model)));
    }

    /** Rows per store write, as the selected backend's config says. */
    int batchSize() {
        return VectorStoreFactory.provider(config.vectorStore()).batchSize(config.vectorStore());
    }

    Indexer indexer(Codebase codebase, Chunker chunker) {
        return new Indexer(codebase, chunker, walkOptions(), batchSize()).withSettings(config.index());
    }
}
