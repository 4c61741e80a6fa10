package dev.codeindexer.index;

import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.MeteredVectorStore;
import dev.codeindexer.store.StoreContext;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreFactory;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One codebase's index, opened: its location, store connection, manifest and (on first use) embedding model.
 * The indexing and search paths both start here and meet only in the store.
 */
public final class Codebase implements AutoCloseable {
    /** Rows deleted by id per store call. */
    static final int DELETE_BATCH = 500;
    /** How often a read is tried when every failure comes with a switch of generations. */
    static final int READ_ATTEMPTS = 5;
    private final CodeIndexerConfig config;
    /** The generation read and written now: switched by a rebuild that completes here or in another process. */
    private volatile IndexLocation location;
    private final VectorStore store;
    /** False for a rebuild's next generation, which borrows the store and the model of the codebase it replaces. */
    private final boolean owner;
    private final Function<CodeIndexerConfig, EmbeddingModel> modelFactory;
    private final String chunkerFingerprint;
    private EmbeddingModel model;
    private Manifest manifest;
    private SymbolTable symbols;
    /** The repository's common git directory, or null when the codebase is not the top of a git checkout. */
    private final String gitDir;
    private final Worktrees worktrees;

    private Codebase(CodeIndexerConfig config, IndexLocation location, VectorStore store,
                     Function<CodeIndexerConfig, EmbeddingModel> modelFactory, String chunkerFingerprint,
                     boolean owner) {
        this.config = config;
        this.owner = owner;
        this.chunkerFingerprint = chunkerFingerprint;
        this.location = location;
        this.store = store;
        this.modelFactory = modelFactory;
        this.gitDir = Worktrees.commonGitDir(location.codebase());
        this.worktrees = new Worktrees(() -> this.location);
    }

    /**
     * Connects to the configured store. A backend that keeps its data on this machine keeps it in the codebase's
     * index directory unless its config names another.
     *
     * @param modelFactory       builds the embedding model when it is first needed (status and delete never need it)
     * @param chunkerFingerprint the chunker's version and budget ({@link Models#chunkerFingerprint})
     * @param metrics            where store calls are measured, or null for nowhere
     */
    public static Codebase open(CodeIndexerConfig config, IndexLocation location,
                                Function<CodeIndexerConfig, EmbeddingModel> modelFactory, String chunkerFingerprint,
                                MeterRegistry metrics) {
        StoreContext context = metrics == null ? StoreContext.unmetered(location.storeDir())
                : new StoreContext(location.storeDir(), metrics);
        VectorStore store = VectorStoreFactory.create(config.vectorStore(), context);
        if (metrics != null) {
            store = new MeteredVectorStore(store, metrics);
        }
        store.connect();
        return new Codebase(config, location, store, modelFactory, chunkerFingerprint, true);
    }

    public CodeIndexerConfig config() {
        return config;
    }

    public IndexLocation location() {
        return location;
    }

    public VectorStore store() {
        return store;
    }

    public String collection() {
        return location.collection();
    }

    /**
     * Follows a rebuild that completed since this codebase was opened (in this process or another): reads and
     * writes go to the generation {@code codebase.json} names now.
     *
     * @return whether the generation changed
     */
    public synchronized boolean refresh() {
        IndexLocation now = location.current();
        if (now.equals(location)) {
            return false;
        }
        location = now;
        manifest = null;
        symbols = null;
        return true;
    }

    /**
     * Takes the writer lock of this codebase ({@link IndexLock#acquire}) for a process that keeps the codebase open
     * between writes (a server): what it cached — generation, manifest, symbol table — may have been changed by
     * another process's writer since, so it is read again under the lock. Otherwise a stale manifest would make
     * the next run embed again what the other wrote, and its compaction would write the stale view back.
     */
    public IndexLock lock(String action, boolean wait) {
        IndexLock lock = IndexLock.acquire(location, action, wait);
        synchronized (this) {
            location = location.current();
            manifest = null;
            symbols = null;
        }
        return lock;
    }

    /**
     * Runs a read; if it fails because a rebuild switched generations under it (dropping the collection or files
     * it was reading), runs it again on the generation that serves now, as long as generations keep switching
     * (a slow read under back-to-back rebuilds can lose more than one), up to {@value #READ_ATTEMPTS} times.
     */
    public <T> T read(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            IndexLocation before = location;
            try {
                return read.get();
            } catch (RuntimeException e) {
                if (attempt == READ_ATTEMPTS || (!refresh() && location.equals(before))) {
                    throw e;
                }
            }
        }
    }

    /**
     * The other git worktrees whose rows share this codebase's store ({@link Worktrees}); none unless it is a git
     * checkout.
     */
    Worktrees worktrees() {
        return worktrees;
    }

    /**
     * Whether this codebase's store holds another worktree's rows, or is another's: then reads are scoped, rows are
     * deleted by id and only when no other worktree has them.
     */
    public boolean sharesRows() {
        return location.sharesStore() || (gitDir != null && worktrees.shared());
    }

    /** Deletes the rows with these ids, in batches; returns how many went. */
    long deleteRows(List<String> ids) {
        long deleted = 0;
        for (int i = 0; i < ids.size(); i += DELETE_BATCH) {
            deleted += store.delete(collection(), ids.subList(i, Math.min(ids.size(), i + DELETE_BATCH)));
        }
        return deleted;
    }

    /**
     * Forgets every file of a codebase whose store other worktrees share: its rows none of them has are deleted, and
     * its symbols are handed over to those that may inherit them before the table is cleared.
     */
    void clearShared() {
        deleteRows(worktrees.snapshot().unshared(manifest().ids()));
        worktrees.handOver(symbols(), symbols().paths());
        symbols().clear();
        manifest().clear();
    }

    /**
     * The filter that keeps a read of the store to this codebase's rows, when other worktrees' rows are in the same
     * store; null when they are not.
     */
    public Filter scope() {
        return gitDir == null ? null : worktrees.scope(manifest());
    }

    /**
     * Whether the collection marks rows whose vectors are stand-ins ({@link ChunkSchema#EMBEDDED}), as collections
     * created for lexical-first indexing do; older ones are indexed in one pass.
     */
    public boolean marksStandIns() {
        return store.describeCollection(collection()).schema().containsKey(ChunkSchema.EMBEDDED);
    }

    /** Whether this is the generation that serves, rather than a rebuild's next one. */
    boolean serving() {
        return owner;
    }

    /**
     * The next generation of this index, empty, for a rebuild to fill beside the serving one; whatever an earlier
     * rebuild cut short left there is removed first. It shares this codebase's store and model; closing it closes
     * neither.
     */
    Codebase nextGeneration() {
        IndexLocation next = location.withGeneration(location.generation() + 1);
        discard(next);
        return new Codebase(config, next, store, c -> model(), chunkerFingerprint, false);
    }

    /**
     * Makes a completed rebuild the serving generation: {@code codebase.json} names it (one atomic rename, the
     * switch), then the old generation is removed. A reader of the old one that loses it retries ({@link #read}).
     */
    synchronized void adopt(Codebase next) {
        IndexLocation old = location;
        Manifest m = next.manifest();
        SymbolTable t = next.symbols();
        writeInfo(next.location);
        location = next.location;
        manifest = m;
        symbols = t;
        discard(old);
    }

    /**
     * Removes generations other than this one that a rebuild cut short (the next one) or a switch cut short (the
     * previous one) left behind.
     */
    void discardStale() {
        if (location.generation() > 0) {
            discard(location.withGeneration(location.generation() - 1));
        }
        discard(location.withGeneration(location.generation() + 1));
    }

    private void discard(IndexLocation generation) {
        if (store.hasCollection(generation.collection())) {
            store.dropCollection(generation.collection());
        }
        try {
            Files.deleteIfExists(generation.manifestFile());
            Files.deleteIfExists(generation.symbolsFile());
        } catch (IOException e) {
            throw new IndexException("cannot remove the files of an old index generation in " + generation.dir()
                    + " (" + e.getMessage() + "); delete " + generation.manifestFile() + " and "
                    + generation.symbolsFile(), e);
        }
    }

    /** Records in the index directory that this generation serves. */
    void writeInfo() {
        writeInfo(location);
    }

    private void writeInfo(IndexLocation at) {
        CodebaseInfo.of(at, store.type(), gitDir).write(at.dir());
    }

    public synchronized EmbeddingModel model() {
        if (model == null) {
            model = modelFactory.apply(config);
        }
        return model;
    }

    public synchronized Manifest manifest() {
        if (manifest == null) {
            manifest = Manifest.load(location.manifestFile());
        }
        return manifest;
    }

    /** The definitions of the indexed files, which the indexer keeps current with the manifest. */
    public synchronized SymbolTable symbols() {
        if (symbols == null) {
            symbols = SymbolTable.load(location.symbolsFile());
            if (gitDir != null) {
                worktrees.inheritInto(symbols, manifest());
            }
        }
        return symbols;
    }

    /** The fingerprint an index built now would carry. */
    public Fingerprint fingerprint() {
        EmbeddingModel m = model();
        return new Fingerprint(ChunkSchema.VERSION, chunkerFingerprint, m.modelId(), m.dimension(),
                DistanceMetric.parse(config.vectorStore().metric()));
    }

    /** The collection as an index built now would create it. */
    public CollectionSpec collectionSpec() {
        Fingerprint f = fingerprint();
        return new CollectionSpec(collection(), f.dimension(), ChunkSchema.FIELDS, f.metric(), f.toProperties());
    }

    /** Whether an index exists that was built differently from how it would be built now, so writing is refused. */
    public boolean builtDifferently() {
        return store.hasCollection(collection())
                && fingerprint().mismatch(store.describeCollection(collection()).properties(), true) != null;
    }

    /**
     * Throws unless the existing collection was built the way this codebase would build it now (for writing) or
     * is searchable with the current model (for reading).
     *
     * @throws IndexException naming what differs and how to rebuild
     */
    public void checkFingerprint(boolean forWriting) {
        requireIndex();
        String mismatch = fingerprint().mismatch(store.describeCollection(collection()).properties(), forWriting);
        if (mismatch != null) {
            throw new IndexException("the index of " + location.codebase() + " was built differently (" + mismatch
                    + "); rebuild it with: code-indexer index --full " + location.codebase());
        }
    }

    /**
     * Throws unless the store holds this codebase's collection.
     *
     * @throws NotIndexedException when it does not (never indexed, or deleted)
     */
    public void requireIndex() {
        if (!store.hasCollection(collection())) {
            throw new NotIndexedException(location.codebase());
        }
    }

    /** The state of the index, read from the store and the manifest, without loading the model. */
    public IndexStatus status() {
        requireIndex();
        Map<String, String> props = store.describeCollection(collection()).properties();
        Manifest m = manifest();
        Map<String, Long> languages = new TreeMap<>();
        m.files().forEach(f -> languages.merge(f.language(), 1L, Long::sum));
        String last = m.lastIndexed() == 0 ? null : Instant.ofEpochMilli(m.lastIndexed()).toString();
        return new IndexStatus(location.codebase().toString(), collection(), store.type(), props.get(Fingerprint.MODEL),
                props.get(Fingerprint.CHUNKER), m.size(), store.count(collection(), scope()), languages, last,
                location.dir().toString());
    }

    /** Removes one file's chunks from the index; returns how many rows went. */
    public long deleteFile(String relativePath) {
        try {
            long n;
            if (sharesRows()) {
                List<String> ids = manifest().ids(relativePath);
                // Rows another worktree has stay; the count is of this codebase's rows, as a search saw them.
                n = ids.size();
                deleteRows(worktrees.snapshot().unshared(ids));
                worktrees.handOver(symbols(), List.of(relativePath));
            } else {
                n = store.delete(collection(), Filters.eq(ChunkSchema.FILE_PATH, relativePath));
            }
            symbols().record(List.of(), List.of(relativePath));
            manifest().record(List.of(), List.of(relativePath));
            return n;
        } finally {
            store.release(collection());
        }
    }

    /**
     * Drops the whole index of this codebase: collection, manifest, symbol table and directory record. Where other
     * worktrees share the store, only the rows none of them has go, and the collection stays for them; a worktree
     * whose rows were in another's store leaves nothing behind.
     */
    public void deleteAll() {
        boolean shared = sharesRows();
        if (shared) {
            clearShared();
        } else {
            store.dropCollection(collection());
            symbols().clear();
            manifest().clear();
        }
        symbols().compact();
        manifest().compact();
        if (shared) {
            // Nothing of this codebase's is left to record; its directory goes too unless it holds the shared store.
            try {
                Files.deleteIfExists(location.manifestFile());
                Files.deleteIfExists(location.symbolsFile());
                Files.deleteIfExists(location.dir().resolve(CodebaseInfo.FILE));
                if (location.sharesStore()) {
                    Files.deleteIfExists(location.dir());
                }
            } catch (IOException e) {
                throw new IndexException("cannot remove " + location.dir() + " (" + e.getMessage() + "); delete it", e);
            }
        }
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        try {
            if (model != null) {
                model.close();
            }
        } finally {
            store.close();
        }
    }
}
