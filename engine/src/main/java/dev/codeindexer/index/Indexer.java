package dev.codeindexer.index;

import static dev.codeindexer.store.filter.Filters.in;

import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.FileAnalysis;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.chunk.walk.RepositoryWalker;
import dev.codeindexer.chunk.walk.Skip;
import dev.codeindexer.chunk.walk.SkipReason;
import dev.codeindexer.chunk.walk.SourceFile;
import dev.codeindexer.chunk.walk.WalkEntry;
import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.config.IndexSettings;
import dev.codeindexer.embed.cache.CachingEmbeddingModel;
import dev.codeindexer.store.StoredRow;
import dev.codeindexer.store.VectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Indexes a codebase incrementally: walk, then for new and changed files chunk, embed and store, with the
 * manifest recording each file only after the store has durably accepted all of its chunks and the symbol table
 * has its definitions.
 *
 * <p>Lexical first (the default, in collections that mark stand-ins): the first pass stores every new or changed
 * file's chunks without the model's vectors, so the whole tree is found by words and names within seconds, and the
 * manifest records those files as {@code vectorsPending}; the second pass reads them again, most useful first,
 * embeds their chunks and replaces the rows. Files a run cut short left pending are embedded by the next one.
 *
 * <p>Reading and chunking run on two reader threads (on a 2-core machine one parser left the store idle for 17 s of
 * a 45 s lexical pass over half of java.base, and two made the whole pass 30 s) while this thread embeds and writes
 * what they read, in order and at most a bounded number of files behind, so memory stays flat whatever the repository
 * size and the model keeps the cores busy. Before a changed file's
 * new chunks are written its old rows are deleted by {@code file_path}, and rows are upserted under deterministic
 * chunk ids; so a run cut short at any point (crash, Ctrl-C) leaves a store the next run completes without
 * duplicates or losses.
 */
public final class Indexer {
    /** A test seam: runs after each store write and symbol table write, before the manifest records them. */
    interface StoreWriteListener {
        void afterStoreWrite(List<String> files);
    }

    private static final int QUEUE_FILES = 32;
    /** Threads that read and chunk files: parsing is what the store waits for on a small machine. */
    private static final int CHUNKER_THREADS = 2;
    private static final int SKIP_SAMPLE = 20;

    private final Codebase codebase;
    private final Chunker chunker;
    private final WalkOptions walkOptions;
    private final int batchSize;
    private final StoreWriteListener listener;
    private final UnaryOperator<Chunk> transform;
    private IndexSettings settings = IndexSettings.defaults();
    private BooleanSupplier stopRequested = () -> false;
    /** The other worktrees whose rows share the store, as this run found them; null when none do. */
    private Worktrees.Snapshot family;

    public Indexer(Codebase codebase, Chunker chunker, WalkOptions walkOptions, int batchSize) {
        this(codebase, chunker, walkOptions, batchSize, UnaryOperator.identity(), files -> { });
    }

    /**
     * An indexer that rewrites every chunk before it is embedded and stored; the evaluation uses it to keep the
     * doc comments its queries come from out of the index.
     */
    public Indexer(Codebase codebase, Chunker chunker, WalkOptions walkOptions, int batchSize,
                   UnaryOperator<Chunk> transform) {
        this(codebase, chunker, walkOptions, batchSize, transform, files -> { });
    }

    Indexer(Codebase codebase, Chunker chunker, WalkOptions walkOptions, int batchSize, UnaryOperator<Chunk> transform,
            StoreWriteListener listener) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.codebase = codebase;
        this.chunker = chunker;
        this.walkOptions = walkOptions;
        this.batchSize = batchSize;
        this.listener = listener;
        this.transform = transform;
    }

    /** Indexing as {@code settings} say: lexical pass first or not, which files to embed first. */
    public Indexer withSettings(IndexSettings settings) {
        this.settings = settings;
        return this;
    }

    /**
     * Stops the run with {@link IndexStoppedException} at the next file or embedding call once {@code requested}
     * says so: a request, not a thread interrupt, which would close Lucene's files under a write.
     */
    public Indexer stoppedWhen(BooleanSupplier requested) {
        this.stopRequested = requested;
        return this;
    }

    private void checkStop() {
        if (stopRequested.getAsBoolean()) {
            throw new IndexStoppedException();
        }
    }

    /**
     * Brings the index up to date with the files on disk.
     *
     * <p>A full run over an existing index builds the next generation beside it and switches to it only when that
     * is complete: searches meanwhile answer from the old one, and a run cut short leaves the old one serving
     * (the next run removes what it left).
     *
     * @param full     index everything again, from nothing
     * @param progress called after every file and every batch
     */
    public IndexReport run(boolean full, Consumer<IndexProgress> progress) {
        codebase.refresh(); // another process may have rebuilt it since this codebase was opened
        boolean shared = codebase.sharesRows();
        if (!shared) {
            // An in-process model's session starts while the files are read. A worktree sharing another's rows
            // embeds little or nothing: its session starts at its first embedding, if there is one.
            codebase.model().prepare();
        }
        if (full && shared) {
            // Other worktrees read this store: no generation of this one's own to switch to; its rows are rewritten.
            codebase.clearShared();
            return update(progress);
        }
        if (full && codebase.store().hasCollection(codebase.collection())) {
            try (Codebase next = codebase.nextGeneration()) {
                IndexReport report = new Indexer(next, chunker, walkOptions, batchSize, transform, listener)
                        .withSettings(settings).stoppedWhen(stopRequested).update(progress);
                codebase.adopt(next);
                return report;
            }
        }
        if (full) {
            // Nothing serves: a leftover manifest or symbol table must not make files look indexed.
            codebase.symbols().clear();
            codebase.manifest().clear();
        }
        return update(progress);
    }

    /** {@link #write}, then lets go of the store's writer however it ended, for the next process to take. */
    private IndexReport update(Consumer<IndexProgress> progress) {
        try {
            return write(progress);
        } finally {
            codebase.store().release(codebase.collection());
        }
    }

    private IndexReport write(Consumer<IndexProgress> progress) {
        long start = System.nanoTime();
        VectorStore store = codebase.store();
        String collection = codebase.collection();
        Manifest manifest = codebase.manifest();
        SymbolTable symbols = codebase.symbols();
        if (store.hasCollection(collection)) {
            codebase.checkFingerprint(true);
        } else {
            store.createCollection(codebase.collectionSpec());
        }
        if (codebase.serving()) {
            codebase.writeInfo();
            if (!codebase.location().sharesStore()) {
                codebase.discardStale(); // a shared store's generations are its owner's
            }
        }
        family = codebase.sharesRows() ? codebase.worktrees().snapshot() : null;
        boolean storeEmpty = store.count(collection, null) == 0;
        if (storeEmpty && manifest.size() > 0) {
            manifest.clear(); // the store was emptied behind the manifest's back: trust the store
        }

        long missesBefore = cacheMisses(codebase);
        Scan scan = scan(manifest, symbols);
        long deleted = removeGone(store, collection, manifest, symbols, scan.removed());
        // Left by a run cut short between the symbol table and the manifest, for a file since gone or ignored.
        if (family != null) {
            codebase.worktrees().handOver(symbols, scan.strayEntries());
        }
        symbols.record(List.of(), scan.strayEntries());
        boolean marksStandIns = codebase.marksStandIns();
        // A rebuild's old generation serves meanwhile, with all its vectors: the new one is built in one pass.
        boolean lexicalFirst = marksStandIns && settings.lexicalFirst() && codebase.serving();
        Run run = new Run(store, collection, manifest, storeEmpty, scan.changed().size(), start, progress,
                lexicalFirst ? Pass.LEXICAL : Pass.COMPLETE, marksStandIns);
        run.deleted = deleted;
        if (family == null) {
            process(scan.changed(), c -> read(c, run), run);
        } else {
            // Files another worktree seems to have as they are here (same path and size) go first, in a pass of their
            // own that records them as it ends: taken from its entries without parsing, they make most of a new
            // worktree searchable before its changed files are parsed. The hash, read with the file, decides.
            Map<Boolean, List<Candidate>> likelyShared = scan.changed().stream().collect(Collectors.partitioningBy(
                    c -> family.likelyHas(c.file().path(), c.file().size())));
            process(likelyShared.get(true), c -> read(c, run), run);
            process(likelyShared.get(false), c -> read(c, run), run);
        }
        if (marksStandIns) {
            // This run's lexical pass, and whatever a run cut short left unembedded.
            List<FileEntry> unembedded = embeddingOrder(manifest.files().stream().filter(FileEntry::vectorsPending));
            if (!unembedded.isEmpty()) {
                run.startEmbedding(unembedded);
                process(unembedded, this::reread, run);
            }
        }
        if (run.written > 0 || run.deleted > 0 || run.embedded > 0) {
            store.flush(collection);
        }
        if (family != null) {
            codebase.worktrees().inheritInto(symbols, manifest); // the files recorded from other worktrees' entries
        }
        manifest.finishRun(System.currentTimeMillis());
        manifest.compact();
        symbols.compact();

        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        scan.skips().forEach(s -> skipped.merge(s.reason(), 1L, Long::sum));
        run.skips.forEach(s -> skipped.merge(s.reason(), 1L, Long::sum));
        List<Skip> sample = sample(Stream.concat(scan.skips().stream(), run.skips.stream()).toList());
        long embedded = missesBefore < 0 ? run.embedded : cacheMisses(codebase) - missesBefore;
        return new IndexReport(scan.seen(), run.filesIndexed, scan.seen() - run.filesIndexed - run.skips.size(),
                scan.removed().size(), run.written, run.deleted, embedded, skipped, sample,
                (System.nanoTime() - start) / 1_000_000);
    }

    private record Candidate(SourceFile file, long mtime, FileEntry previous) {
    }

    /**
     * @param removed      files the manifest knows that are gone (or now ignored)
     * @param strayEntries files only the symbol table knows that are gone
     */
    private record Scan(long seen, List<Candidate> changed, List<String> removed, List<String> strayEntries,
                        List<Skip> skips) {
    }

    /**
     * Walks the tree and sorts files into unchanged (same size and mtime, and symbols from the same content) and
     * candidates; finds removed files.
     */
    private Scan scan(Manifest manifest, SymbolTable symbols) {
        List<Candidate> changed = new ArrayList<>();
        List<Skip> skips = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Stream<WalkEntry> entries = RepositoryWalker.create(codebase.location().codebase(), walkOptions).entries()) {
            entries.forEach(entry -> {
                switch (entry) {
                    case SourceFile f -> {
                        seen.add(f.path());
                        long mtime = mtime(f);
                        FileEntry previous = manifest.get(f.path());
                        if (previous == null || previous.size() != f.size() || previous.mtime() != mtime
                                || !previous.hash().equals(symbols.hash(f.path()))) {
                            changed.add(new Candidate(f, mtime, previous));
                        }
                    }
                    case Skip s -> skips.add(s);
                }
            });
        }
        List<String> removed = new ArrayList<>(manifest.files().stream().map(FileEntry::path)
                .filter(p -> !seen.contains(p)).toList());
        // Rows written for files a crash kept from being recorded, and which are gone now.
        manifest.pending().stream().filter(p -> !seen.contains(p) && manifest.get(p) == null).sorted()
                .forEach(removed::add);
        List<String> stray = symbols.paths().stream()
                .filter(p -> !seen.contains(p) && manifest.get(p) == null).toList();
        return new Scan(seen.size(), changed, removed, stray, skips);
    }

    private long removeGone(VectorStore store, String collection, Manifest manifest, SymbolTable symbols,
                            List<String> removed) {
        long deleted = 0;
        for (int i = 0; i < removed.size(); i += Codebase.DELETE_BATCH) {
            List<String> batch = removed.subList(i, Math.min(removed.size(), i + Codebase.DELETE_BATCH));
            if (family == null) {
                deleted += store.delete(collection, in(ChunkSchema.FILE_PATH, batch));
            } else {
                deleted += codebase.deleteRows(family.unshared(batch.stream()
                        .flatMap(p -> manifest.ids(p).stream()).toList()));
                codebase.worktrees().handOver(symbols, batch);
            }
            symbols.record(List.of(), batch);
            listener.afterStoreWrite(batch);
            manifest.record(List.of(), batch);
        }
        return deleted;
    }

    /**
     * One file read and chunked by a reader thread. {@code chunks} null means no rows to write (content unchanged,
     * only touched or its symbols missing; or rows another worktree has); {@code symbols} null means the table
     * already holds this content's symbols; {@code replaced} is the entry of other content it replaces, if any;
     * {@code inherits} says the file's symbols are another worktree's entry, inherited rather than recorded here.
     */
    private record Work(FileEntry entry, List<Chunk> chunks, FileSymbols symbols, FileEntry replaced,
                        boolean inherits) {
        Work(FileEntry entry, List<Chunk> chunks, FileSymbols symbols) {
            this(entry, chunks, symbols, null, false);
        }
    }

    /**
     * The files in the order their chunks are embedded: by kind as {@code index.embedding_order} says (source, then
     * tests, then prose by default), then by path.
     */
    private List<FileEntry> embeddingOrder(Stream<FileEntry> files) {
        List<String> order = settings.embeddingOrder();
        return files.sorted(Comparator
                .comparingInt((FileEntry f) -> order.indexOf(FileKind.of(f.path(), f.language()).id()))
                .thenComparing(FileEntry::path)).toList();
    }

    /**
     * A file stored by the lexical pass, for the embedding pass: its chunks as its rows hold them (reading the
     * rows costs far less than reading, parsing and chunking the file again), or, should any row be missing, as
     * the file gives them now.
     */
    private Work reread(FileEntry entry) {
        List<StoredRow> rows = codebase.store().get(codebase.collection(), entry.chunkIds());
        if (rows.size() == entry.chunkIds().size()) {
            Map<String, Chunk> byId = new HashMap<>();
            rows.forEach(r -> byId.put(r.id(), ChunkRows.chunk(r)));
            return new Work(entry.withVectorsPending(false), entry.chunkIds().stream().map(byId::get).toList(), null);
        }
        return rechunk(entry);
    }

    /**
     * The file read and chunked again; null when its content is no longer what was stored (changed since, or gone):
     * the next run indexes it anew.
     */
    private Work rechunk(FileEntry entry) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(codebase.location().codebase().resolve(entry.path()));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (!IndexLocation.sha256(bytes).equals(entry.hash())) {
            return null;
        }
        List<Chunk> chunks = chunker.analyze(entry.path(), SourceFile.decode(bytes)).chunks().stream()
                .map(transform).toList();
        if (!ChunkRows.ids(chunks).equals(entry.chunkIds())) {
            return null; // chunked otherwise than when stored (another chunker): the next run re-indexes it
        }
        return new Work(entry.withVectorsPending(false), chunks, null);
    }

    /**
     * Reads (and chunks) the items on {@value #CHUNKER_THREADS} threads, at most {@value #QUEUE_FILES} ahead of the
     * writer, and hands them to {@code run} in the order given: an embedding pass goes most useful file first.
     */
    private <T> void process(List<T> items, Function<T, Work> reader, Run run) {
        if (items.isEmpty()) {
            return;
        }
        int threads = Math.min(CHUNKER_THREADS, Math.max(1, Runtime.getRuntime().availableProcessors()));
        AtomicInteger named = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform()
                .name("code-indexer-chunker-" + named.getAndIncrement()).daemon().unstarted(r));
        Deque<Future<Work>> ahead = new ArrayDeque<>();
        Iterator<T> next = items.iterator();
        Throwable failure = null;
        Runnable readNext = () -> {
            T item = next.next();
            ahead.add(readers.submit(() -> reader.apply(item)));
        };
        try {
            while (ahead.size() < QUEUE_FILES && next.hasNext()) {
                readNext.run();
            }
            while (!ahead.isEmpty()) {
                Work w;
                try {
                    w = ahead.poll().get();
                } catch (ExecutionException e) {
                    failure = e.getCause();
                    break; // what was read before it is still written and recorded
                }
                if (next.hasNext()) {
                    readNext.run(); // before writing this one, so the readers keep working meanwhile
                }
                checkStop();
                if (w != null) {
                    run.accept(w);
                }
            }
            run.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("indexing was interrupted; run it again to finish", e);
        } finally {
            ahead.forEach(f -> f.cancel(true));
            readers.shutdownNow();
        }
        if (failure != null) {
            throw new IndexException("reading or chunking files failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * Skips to show: the first of each reason (so that one unreadable file is not hidden behind hundreds of ignored
     * ones), then the others in walk order, {@value #SKIP_SAMPLE} in all.
     */
    static List<Skip> sample(List<Skip> skips) {
        Map<SkipReason, Skip> first = new EnumMap<>(SkipReason.class);
        skips.forEach(s -> first.putIfAbsent(s.reason(), s));
        return Stream.concat(first.values().stream(), skips.stream().filter(s -> first.get(s.reason()) != s))
                .limit(SKIP_SAMPLE).toList();
    }

    /** Reads, hashes and (when its content changed) chunks one file; null when it could not be read. */
    private Work read(Candidate c, Run run) {
        byte[] bytes;
        try {
            bytes = c.file().readBytes();
        } catch (RuntimeException e) {
            run.skip(Skip.unreadable(c.file().path(), e));
            return null;
        }
        String hash = IndexLocation.sha256(bytes);
        long now = System.currentTimeMillis();
        String path = c.file().path();
        if (c.previous() != null && c.previous().hash().equals(hash)) {
            FileEntry p = c.previous();
            FileEntry touched = p.seenAgain(bytes.length, c.mtime(), p.indexedAt());
            // The chunks are stored; only the symbols may be missing (an index built before they were kept).
            FileSymbols symbols = hash.equals(codebase.symbols().hash(path)) ? null
                    : FileSymbols.of(path, hash, chunker.analyze(path, SourceFile.decode(bytes)));
            return new Work(touched, null, symbols);
        }
        if (family != null) {
            Optional<FileEntry> match = family.find(path, hash);
            if (match.isPresent()) {
                // Another worktree has this file as it is here: its rows serve this one too.
                // Its symbols are that worktree's entry, inherited when this table is loaded (and at the end of the
                // run); should that table lack them, the next run finds them missing and extracts them.
                return new Work(match.get().seenAgain(bytes.length, c.mtime(), now), null, null, c.previous(), true);
            }
        }
        FileAnalysis analysis = chunker.analyze(path, SourceFile.decode(bytes));
        List<Chunk> chunks = analysis.chunks().stream().map(transform).toList();
        String language = chunks.isEmpty() ? "text" : chunks.getFirst().language().id();
        // In a shared store, another worktree may hold the row of a chunk of the same text at other lines.
        return new Work(new FileEntry(path, hash, bytes.length, c.mtime(), language, ChunkRows.ids(chunks), now,
                run.pass == Pass.LEXICAL, family == null ? null : FileEntry.Lines.of(chunks)), chunks,
                FileSymbols.of(path, hash, analysis), c.previous(), false);
    }

    /** Texts the model itself embedded so far (cache misses), or -1 when there is no cache to ask. */
    private static long cacheMisses(Codebase codebase) {
        return codebase.model() instanceof CachingEmbeddingModel cache ? cache.stats().misses() : -1;
    }

    static long mtime(SourceFile f) {
        try {
            return Files.getLastModifiedTime(f.absolutePath()).toMillis();
        } catch (IOException e) {
            return -1; // unknown: the file is hashed, which decides
        }
    }

    /**
     * What a pass over files does with their chunks: store them with the model's vectors in one go; store them with
     * stand-in vectors (found lexically at once); or embed the chunks a lexical pass stored.
     */
    enum Pass {
        COMPLETE, LEXICAL, EMBEDDING
    }

    private static final long RECORD_EVERY_NANOS = 250_000_000L;

    /** Texts embedded per model call within a batch, so that progress moves with the chunks, not in whole batches. */
    private static final int EMBED_STEP = 32;

    /** The consumer side of one run: batches chunks, deletes stale rows, embeds, upserts, records. */
    private final class Run {
        private final VectorStore store;
        private final String collection;
        private final Manifest manifest;
        private final boolean storeEmpty;
        private final long total;
        private final long start;
        private final Consumer<IndexProgress> progress;
        /** Whether rows carry {@link ChunkSchema#EMBEDDED}. */
        private final boolean marksStandIns;
        private final List<Chunk> batch = new ArrayList<>();
        private final List<String> batchIds = new ArrayList<>();
        private final List<Pending> batchOwners = new ArrayList<>();
        private final List<Pending> pending = new ArrayList<>();
        private final List<String> toDelete = new ArrayList<>();
        /** Rows to delete by id, in a store other worktrees share. */
        private final List<String> idsToDelete = new ArrayList<>();
        final List<Skip> skips = java.util.Collections.synchronizedList(new ArrayList<>());
        Pass pass;
        long filesDone;
        long filesIndexed;
        /** Chunks read in the pass that stores them, stored or about to be. */
        long chunksRead;
        long written;
        long deleted;
        /** Chunks given the model's vectors: by a complete pass, or by the embedding pass. */
        long embedded;
        /** Chunks the embedding pass has to embed, or -1 before it starts (unknown). */
        long toEmbed = -1;
        long embeddingStart;
        long lastFlush = System.nanoTime();

        Run(VectorStore store, String collection, Manifest manifest, boolean storeEmpty, long total, long start,
            Consumer<IndexProgress> progress, Pass pass, boolean marksStandIns) {
            this.store = store;
            this.collection = collection;
            this.manifest = manifest;
            this.storeEmpty = storeEmpty;
            this.total = total;
            this.start = start;
            this.progress = progress;
            this.pass = pass;
            this.marksStandIns = marksStandIns;
        }

        void skip(Skip s) {
            skips.add(s);
        }

        /** Ends the storing pass: the rows of {@code files} get the model's vectors next. */
        void startEmbedding(List<FileEntry> files) {
            pass = Pass.EMBEDDING;
            // Rows another worktree has embedded are not embedded again.
            toEmbed = files.stream().flatMap(f -> f.chunkIds().stream())
                    .filter(id -> family == null || !family.embedded.contains(id)).count();
            embeddingStart = System.nanoTime();
            report();
        }

        void accept(Work w) {
            if (w.chunks() != null && batch.isEmpty() && !pending.isEmpty()) {
                flush(); // files that needed no write are recorded before the next batch is filled
            }
            List<String> ids = w.entry().chunkIds();
            // Rows another worktree stored (and, to be embedded, embedded) are there already.
            Set<String> theirs = family == null ? Set.of() : pass == Pass.LEXICAL ? family.stored : family.embedded;
            int toWrite = w.chunks() == null ? 0
                    : (int) IntStream.range(0, ids.size()).filter(i -> !theirs.contains(ids.get(i))).count();
            Pending p = new Pending(w.entry(), toWrite, w.symbols(), w.inherits());
            pending.add(p);
            if (pass != Pass.EMBEDDING) {
                filesDone++;
                if (family != null && (w.chunks() != null || w.replaced() != null)) {
                    idsToDelete.addAll(family.unshared(manifest.ids(w.entry().path())));
                }
            }
            if (w.chunks() != null) {
                if (pass != Pass.EMBEDDING) {
                    filesIndexed++;
                    chunksRead += w.chunks().size();
                    if (!storeEmpty && family == null) {
                        toDelete.add(w.entry().path());
                    }
                }
                for (int i = 0; i < w.chunks().size(); i++) {
                    if (theirs.contains(ids.get(i))) {
                        continue;
                    }
                    batch.add(w.chunks().get(i));
                    batchIds.add(ids.get(i));
                    batchOwners.add(p);
                    if (batch.size() >= batchSize) {
                        flush();
                    }
                }
            }
            if (pending.size() >= batchSize || (batch.isEmpty() && !pending.isEmpty()
                    && System.nanoTime() - lastFlush > RECORD_EVERY_NANOS)) {
                // Files whose rows are stored already (another worktree's) are recorded every quarter second, not
                // only every batch: what they record is what makes a new worktree searchable.
                flush();
            }
            report();
        }

        void flush() {
            lastFlush = System.nanoTime();
            if (!toDelete.isEmpty()) {
                deleted += store.delete(collection, in(ChunkSchema.FILE_PATH, List.copyOf(toDelete)));
                toDelete.clear();
            }
            if (!idsToDelete.isEmpty()) {
                deleted += codebase.deleteRows(List.copyOf(idsToDelete));
                idsToDelete.clear();
            }
            if (!batch.isEmpty()) {
                if (pass != Pass.EMBEDDING) {
                    manifest.markPending(batchOwners.stream().map(p -> p.entry).distinct().toList());
                }
                List<float[]> vectors = pass == Pass.LEXICAL ? standIns() : embed();
                long now = System.currentTimeMillis();
                Boolean modelVectors = marksStandIns ? pass != Pass.LEXICAL : null;
                List<Map<String, Object>> metadata = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    metadata.add(ChunkRows.metadata(batch.get(i), batchIds.get(i), now, modelVectors));
                }
                store.upsert(collection, vectors, metadata, List.copyOf(batchIds));
                if (pass != Pass.EMBEDDING) {
                    written += batch.size();
                }
                batchOwners.forEach(p -> p.remaining--);
                batch.clear();
                batchIds.clear();
                batchOwners.clear();
            }
            List<FileEntry> done = new ArrayList<>();
            List<FileSymbols> doneSymbols = new ArrayList<>();
            List<String> inherited = new ArrayList<>();
            pending.removeIf(p -> {
                if (p.remaining == 0) {
                    done.add(p.entry);
                    if (p.symbols != null) {
                        doneSymbols.add(p.symbols);
                    }
                    if (p.inherits) {
                        inherited.add(p.entry.path());
                    }
                    return true;
                }
                return false;
            });
            if (!done.isEmpty()) {
                if (!doneSymbols.isEmpty() || !inherited.isEmpty()) {
                    recordSymbols(doneSymbols, inherited);
                }
                listener.afterStoreWrite(done.stream().map(FileEntry::path).toList());
                manifest.record(done, List.of());
            }
            report();
        }

        /**
         * Records the symbols of files read; of files whose symbols another worktree has recorded, drops this
         * table's own older entry. An entry of its own that either replaces goes, handed over first to the
         * worktrees that may inherit it.
         */
        private void recordSymbols(List<FileSymbols> own, List<String> inherited) {
            SymbolTable table = codebase.symbols();
            if (family != null) {
                codebase.worktrees().handOver(table, Stream.concat(own.stream().map(FileSymbols::path),
                        inherited.stream()).toList());
            }
            table.record(own, inherited.stream().filter(p -> table.own(p) != null).toList());
        }

        /**
         * The model's vectors of the batch, a few texts per call, reporting after each. The calls take the texts
         * shortest first: a model pads every text of a call to the longest, and a call of mixed lengths (the
         * batch's file order) costs about twice as much (7 against 15 chunks/s on a 2-core Xeon).
         */
        private List<float[]> embed() {
            List<String> texts = batch.stream().map(ChunkRows::embeddingText).toList();
            Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
            float[][] vectors = new float[texts.size()][];
            for (int from = 0; from < order.length; from += EMBED_STEP) {
                int to = Math.min(order.length, from + EMBED_STEP);
                List<String> step = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    step.add(texts.get(order[k]));
                }
                checkStop();
                List<float[]> out = codebase.model().embedDocuments(step);
                for (int k = from; k < to; k++) {
                    vectors[order[k]] = out.get(k - from);
                }
                embedded += step.size();
                report();
            }
            return Arrays.asList(vectors);
        }

        /** Vectors for rows whose chunks are not embedded yet: none where the store keeps rows without. */
        private List<float[]> standIns() {
            if (store.storesRowsWithoutVectors()) {
                return java.util.Collections.nCopies(batchIds.size(), null);
            }
            int dimension = codebase.model().dimension();
            return batchIds.stream().map(id -> ChunkRows.standIn(id, dimension)).toList();
        }

        private void report() {
            long now = System.nanoTime();
            progress.accept(new IndexProgress(pass.name().toLowerCase(java.util.Locale.ROOT), filesDone, total,
                    chunksRead, embedded, toEmbed, (now - start) / 1_000_000,
                    pass == Pass.EMBEDDING ? (now - embeddingStart) / 1_000_000 : 0));
        }
    }

    /** A file whose chunks are (partly) in the batch; recorded once none remain unwritten. */
    private static final class Pending {
        final FileEntry entry;
        /** Its symbols to record, or null when the table has them already. */
        final FileSymbols symbols;
        /** Whether {@code symbols} are another worktree's entry, to take in memory rather than record. */
        final boolean inherits;
        int remaining;

        Pending(FileEntry entry, int chunks, FileSymbols symbols, boolean inherits) {
            this.entry = entry;
            this.remaining = chunks;
            this.symbols = symbols;
            this.inherits = inherits;
        }
    }
}
