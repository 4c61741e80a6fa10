package dev.codeindexer.index;

import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.MeteredVectorStore;
import dev.codeindexer.store.StoreContext;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreFactory;
import dev.codeindexer.store.filter.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One codebase's index, opened: its location, store connection, manifest and (on first use) embedding model.
 * The indexing and search paths both start here and meet only in the store.
 */
public final class Codebase implements AutoCloseable {
    private final CodeIndexerConfig config;
    private final IndexLocation location;
    private final VectorStore store;
    private final Function<CodeIndexerConfig, EmbeddingModel> modelFactory;
    private final String chunkerFingerprint;
    private EmbeddingModel model;
    private Manifest manifest;
    private SymbolTable symbols;

    private Codebase(CodeIndexerConfig config, IndexLocation location, VectorStore store,
                     Function<CodeIndexerConfig, EmbeddingModel> modelFactory, String chunkerFingerprint) {
        this.config = config;
        this.chunkerFingerprint = chunkerFingerprint;
        this.location = location;
        this.store = store;
        this.modelFactory = modelFactory;
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
        StoreContext context = metrics == null ? StoreContext.unmetered(location.dir())
                : new StoreContext(location.dir(), metrics);
        VectorStore store = VectorStoreFactory.create(config.vectorStore(), context);
        if (metrics != null) {
            store = new MeteredVectorStore(store, metrics);
        }
        store.connect();
        return new Codebase(config, location, store, modelFactory, chunkerFingerprint);
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
                props.get(Fingerprint.CHUNKER), m.size(), store.count(collection(), null), languages, last,
                location.dir().toString());
    }

    /** Removes one file's chunks from the index; returns how many rows went. */
    public long deleteFile(String relativePath) {
        long n = store.delete(collection(), Filters.eq(ChunkSchema.FILE_PATH, relativePath));
        symbols().record(List.of(), List.of(relativePath));
        manifest().record(List.of(), List.of(relativePath));
        return n;
    }

    /** Drops the whole index of this codebase: collection, manifest, symbol table and directory record. */
    public void deleteAll() {
        store.dropCollection(collection());
        symbols().clear();
        symbols().compact();
        manifest().clear();
        manifest().compact();
    }

    @Override
    public void close() {
        try {
            if (model != null) {
                model.close();
            }
        } finally {
            store.close();
        }
    }
}
