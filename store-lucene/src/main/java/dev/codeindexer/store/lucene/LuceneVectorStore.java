package dev.codeindexer.store.lucene;

import dev.codeindexer.config.Verbosity;
import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DuplicateIdException;
import dev.codeindexer.store.Fusion;
import dev.codeindexer.store.Rows;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.SearchRequest;
import dev.codeindexer.store.SearchResult;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.StoredRow;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreException;
import dev.codeindexer.store.filter.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IOFunction;

/**
 * The embedded store: one Lucene index per collection under a root directory, with an HNSW vector field, typed
 * metadata fields for filters and an analysed copy of text fields for BM25. Every write is one Lucene commit, so
 * a write that returns survives a crash and a write that fails leaves the last commit as it was.
 */
public final class LuceneVectorStore implements VectorStore {
    public static final String TYPE = "lucene";
    /**
     * Lucene reports its vector set-up through java.util.logging when it first loads (a warning when the JVM was
     * started without the incubating vector module): not news to a user, so shown only with --verbose. Held here
     * because java.util.logging keeps its loggers only weakly.
     */
    private static final java.util.logging.Logger LUCENE_LOG = java.util.logging.Logger.getLogger("org.apache.lucene");

    static {
        if (!Verbosity.verbose()) {
            LUCENE_LOG.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    private final Path root;
    private final LuceneConfig config;
    private final Map<String, LuceneCollection> open = new ConcurrentHashMap<>();
    private volatile boolean connected;

    /** No I/O happens until {@link #connect()}. */
    public LuceneVectorStore(Path root, LuceneConfig config) {
        this.root = root.toAbsolutePath().normalize();
        this.config = config;
    }

    public Path root() {
        return root;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public synchronized void connect() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StoreConnectionException("cannot create the index directory " + root + " (" + e + "); "
                    + "choose a writable vector_store.lucene.path or --index-dir", e);
        }
        connected = true;
    }

    @Override
    public synchronized void disconnect() {
        connected = false;
        List<Exception> failures = new ArrayList<>();
        for (LuceneCollection c : open.values()) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
        open.clear();
        if (!failures.isEmpty()) {
            VectorStoreException e = new VectorStoreException("closing the index at " + root + " failed: " + failures.getFirst());
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public synchronized void createCollection(CollectionSpec spec) {
        checkConnected();
        if (hasCollection(spec.name())) {
            CollectionSpec existing = collection(spec.name()).spec();
            if (!existing.sameLayout(spec)) {
                throw new SchemaMismatchException("collection '" + spec.name() + "' exists with another layout ("
                        + existing.describeDifference(spec) + "); drop it or use another collection name");
            }
            return;
        }
        Path dir = root.resolve(spec.name());
        open.put(spec.name(), io(dir, () -> LuceneCollection.create(dir, spec, config)));
    }

    @Override
    public boolean hasCollection(String name) {
        checkConnected();
        CollectionSpec.checkName("collection name", name);
        return open(name) != null || LuceneCollection.exists(root.resolve(name));
    }

    /**
     * The open collection {@code name}, or null. One that another process dropped since it was opened is closed
     * and forgotten here too, so its deleted files are let go and the name reads as absent.
     */
    private LuceneCollection open(String name) {
        LuceneCollection c = open.get(name);
        if (c == null || c.stillOnDisk()) {
            return c;
        }
        synchronized (this) {
            if (open.remove(name, c)) {
                try {
                    c.close();
                } catch (IOException | RuntimeException e) {
                    // Its files are gone already; nothing is left to release or lose.
                }
            }
        }
        return null;
    }

    @Override
    public CollectionSpec describeCollection(String name) {
        return collection(name).spec();
    }

    @Override
    public synchronized void dropCollection(String name) {
        checkConnected();
        CollectionSpec.checkName("collection name", name);
        Path dir = root.resolve(name);
        io(dir, () -> {
            LuceneCollection c = open.remove(name);
            if (c != null) {
                c.close();
            }
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return null;
        });
    }

    @Override
    public List<String> listCollections() {
        checkConnected();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("[A-Za-z_][A-Za-z0-9_]{0,127}"))
                    .filter(n -> open.containsKey(n) || LuceneCollection.exists(root.resolve(n)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new StoreConnectionException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Closes the collection's writer, which holds Lucene's write lock; readers go on from the last commit. */
    @Override
    public void release(String name) {
        LuceneCollection c = open(name);
        if (c != null) {
            io(root.resolve(name), () -> {
                c.releaseWriter();
                return null;
            });
        }
    }

    /** Rows without vectors are documents without the vector field: found by every query but the vector one. */
    @Override
    public boolean storesRowsWithoutVectors() {
        return true;
    }

    @Override
    public List<String> insert(String name, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids) {
        LuceneCollection c = collection(name);
        List<StoredRow> rows = Rows.prepare(c.spec(), vectors, metadata, ids, true);
        return write(c, writer -> {
            List<String> existing = existingIds(c, rows.stream().map(StoredRow::id).toList());
            if (!existing.isEmpty()) {
                throw new DuplicateIdException(name, existing);
            }
            writer.addDocuments(rows.stream().map(r -> LuceneDocuments.toDocument(c.spec(), r)).toList());
            return rows.stream().map(StoredRow::id).toList();
        });
    }

    @Override
    public List<String> upsert(String name, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids) {
        LuceneCollection c = collection(name);
        List<StoredRow> rows = Rows.prepare(c.spec(), vectors, metadata, ids, true);
        return write(c, writer -> {
            for (StoredRow r : rows) {
                writer.updateDocument(new Term(LuceneDocuments.ID, r.id()), LuceneDocuments.toDocument(c.spec(), r));
            }
            return rows.stream().map(StoredRow::id).toList();
        });
    }

    @Override
    public List<List<SearchResult>> search(SearchRequest request) {
        LuceneCollection c = collection(request.collection());
        CollectionSpec spec = c.spec();
        Rows.checkSearch(spec, request);
        Query filter = request.filter() == null ? null : LuceneFilterTranslator.toQuery(request.filter(), spec);
        Query denseFilter = request.vectorFilter() == null ? filter
                : LuceneFilterTranslator.toQuery(request.denseFilter(), spec);
        int topK = request.topK();
        return read(c, searcher -> {
            List<List<SearchResult>> all = new ArrayList<>();
            for (int q = 0; q < request.queryCount(); q++) {
                all.add(switch (request.mode()) {
                    case DENSE -> dense(searcher, spec, request, request.vectors().get(q), denseFilter, topK);
                    case LEXICAL -> lexical(searcher, spec, request, request.texts().get(q), filter, topK);
                    case HYBRID -> {
                        int n = Fusion.candidates(topK);
                        yield request.fusion().fuse(dense(searcher, spec, request, request.vectors().get(q), denseFilter, n),
                                lexical(searcher, spec, request, request.texts().get(q), filter, n), topK);
                    }
                });
            }
            return all;
        });
    }

    private List<SearchResult> dense(IndexSearcher searcher, CollectionSpec spec, SearchRequest request, float[] vector,
                                     Query filter, int topK) throws IOException {
        // HNSW explores k candidates; asking for at least search_ef of them and keeping the best top-k is how
        // Lucene trades speed for recall.
        int k = Math.max(topK, config.searchEf());
        Query knn = new KnnFloatVectorQuery(LuceneDocuments.VECTOR, LuceneDocuments.indexedVector(spec.metric(), vector),
                k, filter);
        return hits(searcher, spec, request, searcher.search(knn, topK), s -> LuceneDocuments.score(spec.metric(), (float) s));
    }

    private List<SearchResult> lexical(IndexSearcher searcher, CollectionSpec spec, SearchRequest request, String text,
                                       Query filter, int topK) throws IOException {
        Query bm25 = LexicalQuery.build(spec, text);
        if (bm25 == null) {
            return List.of();
        }
        Query q = filter == null ? bm25
                : new BooleanQuery.Builder().add(bm25, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER).build();
        return hits(searcher, spec, request, searcher.search(q, topK), s -> s);
    }

    private static List<SearchResult> hits(IndexSearcher searcher, CollectionSpec spec, SearchRequest request,
                                           TopDocs top, java.util.function.DoubleUnaryOperator score) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchResult> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc sd : top.scoreDocs) {
            Document doc = stored.document(sd.doc);
            hits.add(new SearchResult(doc.get(LuceneDocuments.ID), (float) score.applyAsDouble(sd.score),
                    LuceneDocuments.metadata(spec, doc, request.outputFields())));
        }
        return hits;
    }

    @Override
    public List<StoredRow> get(String name, List<String> ids) {
        LuceneCollection c = collection(name);
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, StoredRow> found = read(c, searcher -> {
            Map<String, StoredRow> rows = new HashMap<>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(idQuery(ids), ids.size()).scoreDocs) {
                Document doc = stored.document(sd.doc);
                String id = doc.get(LuceneDocuments.ID);
                rows.put(id, new StoredRow(id, LuceneDocuments.rawVector(doc),
                        LuceneDocuments.metadata(c.spec(), doc, List.of())));
            }
            return rows;
        });
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    @Override
    public long count(String name, Filter filter) {
        LuceneCollection c = collection(name);
        Query q = LuceneFilterTranslator.toQuery(filter, c.spec());
        return read(c, searcher -> (long) searcher.count(q));
    }

    @Override
    public long delete(String name, List<String> ids) {
        LuceneCollection c = collection(name);
        if (ids.isEmpty()) {
            return 0;
        }
        Query q = idQuery(ids);
        return write(c, writer -> {
            long n = c.read(searcher -> (long) searcher.count(q));
            writer.deleteDocuments(q);
            return n;
        });
    }

    @Override
    public long delete(String name, Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("delete needs a filter; drop the collection to remove everything");
        }
        LuceneCollection c = collection(name);
        Query q = LuceneFilterTranslator.toQuery(filter, c.spec());
        return write(c, writer -> {
            long n = c.read(searcher -> (long) searcher.count(q));
            writer.deleteDocuments(q);
            return n;
        });
    }

    private List<String> existingIds(LuceneCollection c, List<String> ids) throws IOException {
        return c.read(searcher -> {
            List<String> existing = new ArrayList<>();
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : searcher.search(idQuery(ids), ids.size()).scoreDocs) {
                existing.add(stored.document(sd.doc).get(LuceneDocuments.ID));
            }
            return existing;
        });
    }

    private static Query idQuery(List<String> ids) {
        return new TermInSetQuery(LuceneDocuments.ID,
                new LinkedHashSet<>(ids).stream().map(BytesRef::new).toList());
    }

    private LuceneCollection collection(String name) {
        checkConnected();
        CollectionSpec.checkName("collection name", name);
        LuceneCollection c = open(name);
        if (c != null) {
            return c;
        }
        synchronized (this) {
            c = open.get(name);
            if (c == null) {
                Path dir = root.resolve(name);
                if (!LuceneCollection.exists(dir)) {
                    throw new CollectionNotFoundException(name);
                }
                c = io(dir, () -> LuceneCollection.open(dir, config));
                open.put(name, c);
            }
            return c;
        }
    }

    /** Runs one write under the collection's lock and commits it; any failure rolls back to the last commit. */
    private <T> T write(LuceneCollection c, IOFunction<IndexWriter, T> work) {
        c.writeLock.lock();
        try {
            T result;
            try {
                result = work.apply(c.writer());
            } catch (IOException | RuntimeException e) {
                c.abandonWriter();
                throw e;
            }
            c.commit();
            return result;
        } catch (IOException e) {
            throw new VectorStoreException("writing collection '" + c.spec().name() + "' under " + root + " failed: "
                    + e.getMessage(), e);
        } finally {
            c.writeLock.unlock();
        }
    }

    private <T> T read(LuceneCollection c, IOFunction<IndexSearcher, T> work) {
        try {
            return c.read(work);
        } catch (IOException e) {
            throw new VectorStoreException("reading collection '" + c.spec().name() + "' under " + root + " failed: "
                    + e.getMessage(), e);
        }
    }

    private interface IOSupplier<T> {
        T get() throws IOException;
    }

    private <T> T io(Path where, IOSupplier<T> work) {
        try {
            return work.get();
        } catch (IOException e) {
            throw new StoreConnectionException("cannot open or change " + where + ": " + e, e);
        } catch (UncheckedIOException e) {
            throw new StoreConnectionException("cannot open or change " + where + ": " + e.getCause(), e);
        }
    }

    private void checkConnected() {
        if (!connected) {
            throw new StoreConnectionException("the Lucene store at " + root + " is not connected; call connect() first");
        }
    }

    @Override
    public String toString() {
        return "LuceneVectorStore[" + root + "]";
    }
}
