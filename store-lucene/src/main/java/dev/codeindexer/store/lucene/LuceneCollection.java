package dev.codeindexer.store.lucene;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.CollectionSpecJson;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.VectorStoreException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOConsumer;
import org.apache.lucene.util.IOFunction;

/**
 * One open collection: its directory, its spec (kept in the commit user data), a searcher manager for reads and,
 * opened on the first write only, an index writer. Read-only users therefore never take Lucene's write lock, so a
 * {@code search} can run while another process indexes.
 */
final class LuceneCollection implements Closeable {
    static final String SPEC_KEY = "code_indexer.collection";

    private final Path path;
    private final Directory directory;
    private final CollectionSpec spec;
    private final LuceneConfig config;
    /** Serialises writes so that counts taken inside a write (deleted rows, existing ids) are exact. */
    final ReentrantLock writeLock = new ReentrantLock();
    /** Readers take its read side to use {@link #searchers}; replacing the searcher manager takes its write side. */
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile IndexWriter writer;
    private volatile SearcherManager searchers;

    private LuceneCollection(Path path, Directory directory, CollectionSpec spec, LuceneConfig config,
                             SearcherManager searchers) {
        this.path = path;
        this.directory = directory;
        this.spec = spec;
        this.config = config;
        this.searchers = searchers;
    }

    /** Creates an empty collection at {@code path}, publishing its spec in the first commit. */
    static LuceneCollection create(Path path, CollectionSpec spec, LuceneConfig config) throws IOException {
        Directory dir = FSDirectory.open(path);
        try {
            IndexWriter w = new IndexWriter(dir, writerConfig(config).setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            w.setLiveCommitData(Map.of(SPEC_KEY, CollectionSpecJson.write(spec)).entrySet());
            w.commit();
            LuceneCollection c = new LuceneCollection(path, dir, spec, config, new SearcherManager(w, null));
            c.writer = w;
            return c;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** Opens an existing collection for reading; the writer comes later, if ever. */
    static LuceneCollection open(Path path, LuceneConfig config) throws IOException {
        Directory dir = FSDirectory.open(path);
        try {
            DirectoryReader reader = DirectoryReader.open(dir);
            String json = reader.getIndexCommit().getUserData().get(SPEC_KEY);
            if (json == null) {
                reader.close();
                throw new VectorStoreException(path + " is a Lucene index but not a Code Indexer collection");
            }
            CollectionSpec spec = CollectionSpecJson.read(json, path.toString());
            return new LuceneCollection(path, dir, spec, config, new SearcherManager(reader, null));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    static boolean exists(Path path) {
        try (Directory dir = FSDirectory.open(path)) {
            return DirectoryReader.indexExists(dir);
        } catch (IOException e) {
            throw new StoreConnectionException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** False once another process has dropped this collection (deleted its directory) since it was opened. */
    boolean stillOnDisk() {
        return Files.isDirectory(path);
    }

    CollectionSpec spec() {
        return spec;
    }

    /** Runs {@code read} on a searcher that sees every commit made so far, by this or another process. */
    <T> T read(IOFunction<IndexSearcher, T> read) throws IOException {
        SearcherManager manager;
        IndexSearcher searcher;
        // Held only to refresh and acquire: the searcher acquired stays valid when its manager is replaced.
        swap.readLock().lock();
        try {
            manager = searchers;
            manager.maybeRefreshBlocking();
            searcher = manager.acquire();
        } finally {
            swap.readLock().unlock();
        }
        try {
            return read.apply(searcher);
        } finally {
            manager.release(searcher);
        }
    }

    /** The writer, opened on first use. Callers hold {@link #writeLock}. */
    IndexWriter writer() throws IOException {
        if (writer == null) {
            try {
                IndexWriter w = new IndexWriter(directory, writerConfig(config).setOpenMode(IndexWriterConfig.OpenMode.APPEND));
                w.setLiveCommitData(Map.of(SPEC_KEY, CollectionSpecJson.write(spec)).entrySet());
                SearcherManager old;
                swap.writeLock().lock();
                try {
                    old = searchers;
                    searchers = new SearcherManager(w, null);
                    writer = w;
                } finally {
                    swap.writeLock().unlock();
                }
                old.close();
            } catch (LockObtainFailedException e) {
                throw new StoreConnectionException("collection '" + spec.name() + "' at " + path
                        + " is being written by another process; wait for it to finish", e);
            }
        }
        return writer;
    }

    /** Makes the writer's changes durable and visible; on failure, rolls back to the last commit. */
    void commit() throws IOException {
        try {
            writer.commit();
        } catch (IOException | RuntimeException e) {
            abandonWriter();
            throw e;
        }
        searchers.maybeRefreshBlocking();
    }

    /** Discards uncommitted changes: the next write reopens the writer at the last commit. */
    void abandonWriter() throws IOException {
        endWriter(IndexWriter::rollback);
    }

    /** Ends the writer with {@code end} (close or roll back); readers go on from the last commit. */
    private void endWriter(IOConsumer<IndexWriter> end) throws IOException {
        IndexWriter w = writer;
        if (w == null) {
            return;
        }
        SearcherManager old;
        // Readers move to the last commit (all there is once the writer has ended) before the writer ends: a
        // reader must never refresh a manager whose writer is gone.
        swap.writeLock().lock();
        try {
            writer = null;
            old = searchers;
            searchers = new SearcherManager(DirectoryReader.open(directory), null);
        } finally {
            swap.writeLock().unlock();
        }
        old.close();
        end.accept(w);
    }

    /**
     * Closes the writer (every change is committed already; merges under way finish first) and lets go of the
     * write lock, so that another process may write; the next write here opens a writer again.
     */
    void releaseWriter() throws IOException {
        writeLock.lock();
        try {
            endWriter(IndexWriter::close);
        } finally {
            writeLock.unlock();
        }
    }

    private static IndexWriterConfig writerConfig(LuceneConfig config) {
        KnnVectorsFormat hnsw = new Lucene99HnswVectorsFormat(config.hnswM(), config.efConstruction());
        // Subclassing the default codec keeps its name, so any Lucene of this major version reads the index;
        // the HNSW parameters only matter when segments are written.
        return new IndexWriterConfig(new CodeAnalyzer())
                .setCodec(new Lucene104Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return hnsw;
                    }
                })
                .setRAMBufferSizeMB(64)
                .setMergePolicy(mergePolicy());
    }

    /**
     * Lucene's tiered merges with segments of at most 64 MB (the default allows 5 GB): an index run rewrites every
     * row once more when it embeds, and merging everything into one segment maps all of its vectors and builds one
     * HNSW graph over them on the heap. Capped, java.base (100k chunks) peaks at 577 MiB resident instead of 837, as
     * fast, and its searches are no slower over 11 segments than over 2 (README "Indexing speed").
     */
    private static TieredMergePolicy mergePolicy() {
        TieredMergePolicy policy = new TieredMergePolicy();
        policy.setMaxMergedSegmentMB(64);
        return policy;
    }

    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            if (writer != null) {
                writer.close();
                writer = null;
            }
            searchers.close();
            directory.close();
        } finally {
            writeLock.unlock();
        }
    }
}
