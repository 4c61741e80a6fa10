package dev.codeindexer.index;

import static dev.codeindexer.store.filter.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.ChunkerOptions;
import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.embed.ForwardingEmbeddingModel;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.search.Searcher;
import dev.codeindexer.store.SearchMode;
import dev.codeindexer.store.StoredRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes a real fixture repository with the real in-process model and the embedded Lucene store, changes it,
 * re-indexes, and checks that the store holds exactly the chunks of the current files, also after a crash
 * between a store write and the manifest write.
 */
class IndexerEndToEndTest {
    @TempDir
    Path repo;
    @TempDir
    Path home;

    private Codebase open(String chunkerFingerprint) {
        IndexLocation loc = IndexLocation.of(repo, null, null, Map.of("CODE_INDEXER_HOME", home.toString()));
        return Codebase.open(CodeIndexerConfig.defaults(), loc, c -> Models.create(c, loc.cacheDir()),
                chunkerFingerprint, null);
    }

    private Codebase open() {
        return open(Models.chunkerFingerprint(ChunkerOptions.defaults()));
    }

    private static IndexReport index(Codebase cb, boolean full, Indexer.StoreWriteListener listener) {
        try (Chunker chunker = Chunker.create(ChunkerOptions.defaults().withTokenCounter(Models.tokenCounter(cb.model())))) {
            return new Indexer(cb, chunker, WalkOptions.defaults(), 4, c -> c, listener).run(full, p -> { });
        }
    }

    private void write(String rel, String text) throws Exception {
        Path p = repo.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void fixture() throws Exception {
        write("src/main/java/demo/Uploader.java", """
                package demo;

                /** Uploads files to the remote bucket. */
                public class Uploader {
                    /** Retries a failed upload with exponential backoff. */
                    public void retryFailedUpload(String file, int attempts) {
                        for (int i = 0; i < attempts; i++) {
                            if (send(file)) {
                                return;
                            }
                            sleep(1L << i);
                        }
                    }

                    private boolean send(String file) {
                        return file.length() % 2 == 0;
                    }

                    private void sleep(long seconds) {
                    }
                }
                """);
        write("lib/dates.py", """
                import datetime


                def parse_http_date(value):
                    \"\"\"Parse an RFC 1123 date as used in HTTP headers.\"\"\"
                    return datetime.datetime.strptime(value, "%a, %d %b %Y %H:%M:%S GMT")


                class Cache:
                    def get(self, key):
                        return None
                """);
        write("cmd/server.go", """
                package main

                type Server struct{ Addr string }

                // Serve accepts connections until the listener closes.
                func (s *Server) Serve() error {
                	return nil
                }
                """);
        write("README.md", "# Demo\n\nA fixture repository.\n\n## Usage\n\nRun it.\n");
        write("build/ignored.java", "class Ignored {}\n");
        write(".gitignore", "build/\n");
    }

    /** The store holds exactly the manifest's chunks: same total, every id present, none twice. */
    private static void assertStoreMatchesManifest(Codebase cb) {
        List<String> ids = new ArrayList<>();
        for (FileEntry f : cb.manifest().files()) {
            ids.addAll(f.chunkIds());
            assertThat(cb.store().count(cb.collection(), eq(ChunkSchema.FILE_PATH, f.path())))
                    .as("rows of %s", f.path()).isEqualTo(f.chunkIds().size());
        }
        assertThat(new HashSet<>(ids)).as("chunk ids are unique").hasSize(ids.size());
        assertThat(cb.store().count(cb.collection(), null)).isEqualTo(ids.size());
        assertThat(cb.store().get(cb.collection(), ids)).extracting(StoredRow::id).containsExactlyElementsOf(ids);
        // A completed run leaves nothing waiting for its vectors.
        assertThat(cb.manifest().files()).noneMatch(FileEntry::vectorsPending);
        assertThat(cb.store().count(cb.collection(), eq(ChunkSchema.EMBEDDED, false))).isZero();
        assertThat(new Searcher(cb).denseCoverage()).isEqualTo(1.0);
    }

    /**
     * The symbol table holds exactly the manifest's files, each with the symbols of its content on disk, extracted
     * from the content the manifest recorded.
     */
    private void assertSymbolsMatchFiles(Codebase cb) throws Exception {
        SymbolTable table = cb.symbols();
        assertThat(table.paths()).containsExactlyInAnyOrderElementsOf(
                cb.manifest().files().stream().map(FileEntry::path).toList());
        try (Chunker chunker = Chunker.create()) {
            for (FileEntry f : cb.manifest().files()) {
                assertThat(table.hash(f.path())).as("hash of %s", f.path()).isEqualTo(f.hash());
                String text = Files.readString(repo.resolve(f.path()));
                assertThat(table.symbols(f.path())).as("symbols of %s", f.path())
                        .isEqualTo(chunker.analyze(f.path(), text).symbols());
            }
        }
        // and a fresh load from disk reads the same table
        SymbolTable reloaded = SymbolTable.load(cb.location().symbolsFile());
        assertThat(reloaded.all()).isEqualTo(table.all());
    }

    /** Chunks are embedded shortest first; every row must still hold the vector of its own text. */
    @Test
    void everyRowHoldsTheVectorOfItsOwnText() throws Exception {
        fixture();
        try (Codebase cb = open()) {
            index(cb, false, files -> { });
            List<String> ids = cb.manifest().files().stream().flatMap(f -> f.chunkIds().stream()).toList();
            List<StoredRow> rows = cb.store().get(cb.collection(), ids);
            assertThat(rows).hasSize(ids.size()).hasSizeGreaterThan(8);
            List<String> texts = rows.stream().map(r -> {
                String path = (String) r.metadata().get(ChunkSchema.FILE_PATH);
                String entity = (String) r.metadata().get(ChunkSchema.ENTITY_ID);
                return (entity.equals(path) ? path : path + " " + entity) + "\n" + r.metadata().get(ChunkSchema.CONTENT);
            }).toList();
            List<float[]> expected = cb.model().embedDocuments(texts);
            for (int i = 0; i < rows.size(); i++) {
                float[] stored = rows.get(i).vector();
                double dot = 0;
                for (int d = 0; d < stored.length; d++) {
                    dot += stored[d] * expected.get(i)[d];
                }
                assertThat(dot).as("cosine of row %s and its text's vector", rows.get(i).id()).isGreaterThan(0.99);
            }
        }
    }

    @Test
    void indexesChangesIncrementallyAndKeepsTheStoreExact() throws Exception {
        fixture();
        try (Codebase cb = open()) {
            IndexReport first = index(cb, false, files -> { });
            assertThat(first.filesIndexed()).isEqualTo(5); // .gitignore and README.md included, build/ ignored
            assertThat(cb.manifest().files()).extracting(FileEntry::path)
                    .contains("src/main/java/demo/Uploader.java", "lib/dates.py", "cmd/server.go", "README.md")
                    .doesNotContain("build/ignored.java");
            assertStoreMatchesManifest(cb);
            assertSymbolsMatchFiles(cb);
            assertThat(cb.symbols().symbols("cmd/server.go")).extracting(s -> s.qualifiedName())
                    .containsExactly("Server", "Server.Serve");
            List<String> oldUploaderIds = cb.manifest().get("src/main/java/demo/Uploader.java").chunkIds();

            List<SearchHit> hits = new Searcher(cb).search(List.of("retry a failed upload"), SearchOptions.topK(3)).getFirst();
            assertThat(hits.getFirst().filePath()).isEqualTo("src/main/java/demo/Uploader.java");
            assertThat(hits.getFirst().entityId()).contains("retryFailedUpload");
            assertThat(hits.getFirst().startLine()).isEqualTo(5);

            IndexReport unchanged = index(cb, false, files -> { });
            assertThat(unchanged.filesIndexed()).isZero();
            assertThat(unchanged.chunksWritten()).isZero();
            assertThat(unchanged.filesUnchanged()).isEqualTo(5);

            write("src/main/java/demo/Uploader.java", Files.readString(repo.resolve("src/main/java/demo/Uploader.java"))
                    .replace("retryFailedUpload", "retryUploadWithBackoff"));
            Files.delete(repo.resolve("cmd/server.go"));
            write("web/debounce.js", "/** Delays calls until input settles. */\nexport function debounce(fn, ms) {\n  let t;\n  return () => { clearTimeout(t); t = setTimeout(fn, ms); };\n}\n");
            IndexReport second = index(cb, false, files -> { });
            assertThat(second.filesIndexed()).isEqualTo(2);
            assertThat(second.filesRemoved()).isEqualTo(1);
            assertThat(second.chunksDeleted()).isPositive();
            assertStoreMatchesManifest(cb);
            assertThat(cb.store().count(cb.collection(), eq(ChunkSchema.FILE_PATH, "cmd/server.go"))).isZero();
            assertSymbolsMatchFiles(cb);
            assertThat(cb.symbols().symbols("cmd/server.go")).isNull();
            assertThat(cb.symbols().all()).extracting(s -> s.name())
                    .contains("retryUploadWithBackoff", "debounce").doesNotContain("retryFailedUpload", "Serve");
            List<String> newUploaderIds = cb.manifest().get("src/main/java/demo/Uploader.java").chunkIds();
            List<String> gone = oldUploaderIds.stream().filter(id -> !newUploaderIds.contains(id)).toList();
            assertThat(gone).isNotEmpty();
            assertThat(cb.store().get(cb.collection(), gone)).isEmpty();
            assertThat(new Searcher(cb).search(List.of("retryUploadWithBackoff"),
                    SearchOptions.topK(1).withMode(SearchMode.LEXICAL)).getFirst().getFirst().filePath())
                    .isEqualTo("src/main/java/demo/Uploader.java");
        }
    }

    @Test
    void aCrashBetweenStoreWriteAndManifestIsCompletedByTheNextRunWithoutDuplicates() throws Exception {
        fixture();
        AtomicInteger writes = new AtomicInteger();
        try (Codebase cb = open()) {
            assertThatThrownBy(() -> index(cb, false, files -> {
                if (writes.incrementAndGet() == 2) {
                    throw new IllegalStateException("simulated crash after a store write");
                }
            })).hasMessageContaining("simulated crash");
            long recorded = cb.manifest().size();
            assertThat(recorded).isLessThan(5);
            assertThat(cb.store().count(cb.collection(), null))
                    .as("the store holds rows the manifest does not know yet")
                    .isGreaterThan(cb.manifest().files().stream().mapToLong(f -> f.chunkIds().size()).sum());
        }
        try (Codebase cb = open()) {
            IndexReport resumed = index(cb, false, files -> { });
            assertThat(resumed.filesIndexed()).isPositive();
            assertThat(cb.manifest().size()).isEqualTo(5);
            assertStoreMatchesManifest(cb);
            assertSymbolsMatchFiles(cb);
        }
    }

    @Test
    void rowsOfAFileDeletedAfterACrashBeforeTheManifestKnewItAreRemovedByTheNextRun() throws Exception {
        fixture();
        AtomicInteger writes = new AtomicInteger();
        try (Codebase cb = open()) {
            assertThatThrownBy(() -> index(cb, false, files -> {
                if (writes.incrementAndGet() == 1) {
                    throw new IllegalStateException("simulated crash after a store write");
                }
            })).hasMessageContaining("simulated crash");
            assertThat(cb.manifest().size()).isZero();
            assertThat(cb.store().count(cb.collection(), null)).as("rows the manifest does not know").isPositive();
        }
        // Every file goes before the next run: the manifest never knew any of them.
        for (String f : List.of("src/main/java/demo/Uploader.java", "lib/dates.py", "cmd/server.go", "README.md",
                ".gitignore")) {
            Files.deleteIfExists(repo.resolve(f));
        }
        try (Codebase cb = open()) {
            index(cb, false, files -> { });
            assertThat(cb.manifest().size()).isZero();
            assertThat(cb.store().count(cb.collection(), null)).as("no orphaned rows").isZero();
        }
    }

    @Test
    void aCrashAfterTheSymbolTableWriteLeavesATableTheNextRunMakesExact() throws Exception {
        fixture();
        try (Codebase cb = open()) {
            assertThatThrownBy(() -> index(cb, false, files -> {
                throw new IllegalStateException("simulated crash before the manifest write");
            })).hasMessageContaining("simulated crash");
            assertThat(cb.manifest().size()).isZero();
            assertThat(cb.symbols().paths()).as("symbols written, manifest not").isNotEmpty();
        }
        // Meanwhile one of those files went away, and another changed.
        String gone = SymbolTable.load(IndexLocation.of(repo, null, null, Map.of("CODE_INDEXER_HOME",
                home.toString())).symbolsFile()).paths().iterator().next();
        Files.delete(repo.resolve(gone));
        write("lib/dates.py", "def parse_iso_date(value):\n    return value\n");
        try (Codebase cb = open()) {
            index(cb, false, files -> { });
            // Not checked here: the store may keep the rows of the deleted file, which the manifest never knew.
            assertSymbolsMatchFiles(cb);
            assertThat(cb.symbols().paths()).doesNotContain(gone);
        }
    }

    @Test
    void aTornSymbolTableLineAndAMissingTableAreRepairedWithoutEmbeddingAgain() throws Exception {
        fixture();
        Path table;
        try (Codebase cb = open()) {
            index(cb, false, files -> { });
            table = cb.location().symbolsFile();
        }
        // A crash in the middle of an append: half a line, which a reader skips and the next write cuts off.
        Files.writeString(table, "{\"op\":\"put\",\"file\":{\"path\":\"lib/da", StandardOpenOption.APPEND);
        write("lib/dates.py", Files.readString(repo.resolve("lib/dates.py")) + "\ndef later():\n    pass\n");
        try (Codebase cb = open()) {
            IndexReport r = index(cb, false, files -> { });
            assertThat(r.filesIndexed()).isEqualTo(1);
            assertSymbolsMatchFiles(cb);
            assertThat(cb.symbols().all()).extracting(s -> s.name()).contains("later");
        }
        // An index built before symbols were kept has a manifest but no table: the next run only extracts them.
        Files.delete(table);
        try (Codebase cb = open()) {
            IndexReport r = index(cb, false, files -> { });
            assertThat(r.filesIndexed()).isZero();
            assertThat(r.chunksWritten()).isZero();
            assertSymbolsMatchFiles(cb);
        }
    }

    @Test
    void anIndexBuiltDifferentlyIsRefusedUntilRebuiltWithFull() throws Exception {
        fixture();
        try (Codebase cb = open()) {
            assertThat(cb.builtDifferently()).isFalse(); // nothing built yet
            index(cb, false, files -> { });
            assertThat(cb.builtDifferently()).isFalse();
        }
        try (Codebase other = open("2/999t/0o")) {
            assertThat(other.builtDifferently()).isTrue();
            assertThatThrownBy(() -> index(other, false, files -> { })).isInstanceOf(IndexException.class)
                    .hasMessageContaining("chunker_version").hasMessageContaining("--full");
            // Searching only needs the same model: the chunker does not matter for queries.
            assertThat(new Searcher(other).search(List.of("parse a date"), SearchOptions.topK(1))).hasSize(1);
            IndexReport rebuilt = index(other, true, files -> { });
            assertThat(rebuilt.filesIndexed()).isEqualTo(5);
            assertThat(other.builtDifferently()).isFalse();
            assertStoreMatchesManifest(other);
        }
    }

    @Test
    void aStoreEmptiedBehindTheManifestsBackIsRefilled() throws Exception {
        fixture();
        try (Codebase cb = open()) {
            index(cb, false, files -> { });
            Set<String> paths = new HashSet<>();
            cb.manifest().files().forEach(f -> paths.add(f.path()));
            cb.store().dropCollection(cb.collection());
            IndexReport again = index(cb, false, files -> { });
            assertThat(again.filesIndexed()).isEqualTo(paths.size());
            assertStoreMatchesManifest(cb);
        }
    }

    /** The retry method's file, found lexically: a search that answers from a complete generation finds it. */
    private static List<SearchHit> findRetry(Codebase cb) {
        return new Searcher(cb).search(List.of("retryFailedUpload"),
                SearchOptions.topK(3).withMode(SearchMode.LEXICAL)).getFirst();
    }

    @Test
    void searchesDuringFullRebuildsNeverFailAndAnswerFromACompleteGeneration() throws Exception {
        fixture();
        for (int i = 0; i < 12; i++) {
            write("src/main/java/demo/Extra" + i + ".java", "package demo;\n\nclass Extra" + i
                    + " {\n    int size" + i + "() {\n        return " + i + ";\n    }\n}\n");
        }
        try (Codebase cb = open()) {
            index(cb, false, files -> { });
            long rows = cb.store().count(cb.collection(), null);
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            AtomicInteger searches = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            // One reader shares the writer's codebase (a server), one opens the index afresh each time (a CLI).
            Runnable shared = () -> search(cb, failures, searches, done);
            Runnable fresh = () -> {
                while (!done.get()) {
                    try (Codebase reader = open()) {
                        search(reader, failures, searches, new java.util.concurrent.atomic.AtomicBoolean(true));
                    } catch (RuntimeException e) {
                        failures.add("open: " + e);
                    }
                }
            };
            Thread a = Thread.ofPlatform().start(shared);
            Thread b = Thread.ofPlatform().start(fresh);
            int rebuilds = 0;
            try {
                while (searches.get() < 200 || rebuilds < 3) {
                    index(cb, true, files -> Thread.yield());
                    rebuilds++;
                    assertThat(rebuilds).as("rebuilds before 200 searches ran").isLessThan(200);
                }
            } finally {
                done.set(true);
                a.join();
                b.join();
            }
            assertThat(failures).as("failed searches of %d", searches.get()).isEmpty();
            assertThat(searches.get()).isGreaterThanOrEqualTo(200);
            assertThat(cb.location().generation()).isEqualTo(rebuilds);
            assertThat(cb.collection()).endsWith("_g" + rebuilds);
            assertThat(cb.store().listCollections()).as("old generations removed").containsExactly(cb.collection());
            try (var files = Files.list(cb.location().dir())) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsonl")))
                        .containsExactlyInAnyOrder("manifest-" + cb.collection() + ".jsonl",
                                "symbols-" + cb.collection() + ".jsonl");
            }
            assertThat(cb.store().count(cb.collection(), null)).isEqualTo(rows);
            assertStoreMatchesManifest(cb);
            assertSymbolsMatchFiles(cb);
            try (Codebase reopened = open()) {
                assertThat(reopened.collection()).isEqualTo(cb.collection());
                assertThat(findRetry(reopened)).isNotEmpty();
            }
        }
    }

    private static void search(Codebase cb, List<String> failures, AtomicInteger searches,
                               java.util.concurrent.atomic.AtomicBoolean once) {
        do {
            try {
                List<SearchHit> hits = findRetry(cb);
                if (hits.isEmpty() || !hits.getFirst().filePath().equals("src/main/java/demo/Uploader.java")) {
                    failures.add("no or wrong hit from " + cb.collection() + ": " + hits);
                }
                // As the servers and the symbol commands read the table: a generation switched under it is followed.
                cb.read(() -> dev.codeindexer.symbols.SymbolIndex.of(cb.location(), cb.symbols()))
                        .outline("src/main/java/demo/Uploader.java");
            } catch (RuntimeException e) {
                failures.add(e.toString());
            }
            searches.incrementAndGet();
        } while (!once.get());
    }

    /**
     * A server that ran one job, full or not, keeps its codebase open but must not keep the store's writer: the
     * command line's next run (another store over the same directory, as another process would open it) writes,
     * and the server's next job after it does too.
     */
    @Test
    void aProcessThatIndexedLetsAnotherIndexNextInTurn() throws Exception {
        fixture();
        try (Codebase server = open()) {
            index(server, false, files -> { });
            index(server, true, files -> { });
            write("src/main/java/demo/Added.java", "package demo;\n\nclass Added {\n}\n");
            try (Codebase cli = open()) {
                assertThat(index(cli, false, files -> { }).filesIndexed()).isEqualTo(1);
                assertStoreMatchesManifest(cli);
                assertThat(cli.deleteFile("lib/dates.py")).isPositive();
            }
            write("src/main/java/demo/Later.java", "package demo;\n\nclass Later {\n}\n");
            try (IndexLock lock = server.lock("a server's job", false)) {
                assertThat(index(server, false, files -> { }).filesIndexed())
                        .as("what the other process indexed is not indexed again, what it deleted comes back")
                        .isEqualTo(2);
            }
            assertStoreMatchesManifest(server);
            assertSymbolsMatchFiles(server);
            assertThat(server.store().count(server.collection(), eq(ChunkSchema.FILE_PATH,
                    "src/main/java/demo/Added.java"))).as("the other process's rows, seen by the server").isPositive();
        }
    }

    @Test
    void aRebuildCutShortLeavesTheOldGenerationServingAndTheNextRunRemovesWhatItLeft() throws Exception {
        fixture();
        try (Codebase cb = open()) {
            index(cb, false, files -> { });
            long rows = cb.store().count(cb.collection(), null);
            String serving = cb.collection();
            assertThatThrownBy(() -> index(cb, true, files -> {
                throw new IllegalStateException("crash during the rebuild");
            })).hasMessageContaining("crash during the rebuild");
            assertThat(cb.collection()).isEqualTo(serving);
            assertThat(cb.store().listCollections()).contains(serving, serving + "_g1");
            try (Codebase reader = open()) {
                assertThat(reader.collection()).isEqualTo(serving);
                assertThat(findRetry(reader)).isNotEmpty();
                assertThat(reader.status().chunks()).isEqualTo(rows);
            }

            IndexReport next = index(cb, false, files -> { });
            assertThat(next.filesIndexed()).isZero();
            assertThat(cb.store().listCollections()).containsExactly(serving);
            assertThat(cb.location().manifestFile().resolveSibling("manifest-" + serving + "_g1.jsonl")).doesNotExist();

            index(cb, true, files -> { });
            assertThat(cb.collection()).isEqualTo(serving + "_g1");
            assertThat(cb.store().listCollections()).containsExactly(serving + "_g1");
            assertStoreMatchesManifest(cb);
        }
    }

    /** Adds a test and a doc file to the fixture, so that the embedding order has every kind to order. */
    private void fixtureWithTestsAndDocs() throws Exception {
        fixture();
        write("src/test/java/demo/UploaderTest.java", """
                package demo;

                class UploaderTest {
                    void retriesThreeTimes() {
                        new Uploader().retryFailedUpload("a", 3);
                    }
                }
                """);
        write("docs/guide.md", "# Guide\n\nHow uploads are retried.\n\n## Backoff\n\nExponential.\n");
    }

    @Test
    void everyFileIsFoundByItsWordsBeforeAnyIsEmbeddedAndSourceIsEmbeddedFirst() throws Exception {
        fixtureWithTestsAndDocs();
        List<List<String>> lexicalPass = new ArrayList<>();
        List<String> embeddingPass = new ArrayList<>();
        List<Double> coverages = new ArrayList<>();
        try (Codebase cb = open()) {
            index(cb, false, files -> {
                // A first run stores files the manifest does not know yet; it embeds files it has recorded.
                boolean storing = files.stream().allMatch(f -> cb.manifest().get(f) == null);
                if (storing) {
                    assertThat(embeddingPass).as("stored after embedding started").isEmpty();
                    lexicalPass.add(files);
                    return;
                }
                embeddingPass.addAll(files);
                // Embedding: every file is stored, and found by its words, whatever has its vectors yet.
                assertThat(findRetry(cb)).extracting(SearchHit::filePath).contains("src/main/java/demo/Uploader.java");
                List<SearchHit> hybrid = new Searcher(cb).search(List.of("how is an upload retried"),
                        SearchOptions.topK(10)).getFirst();
                assertThat(hybrid).isNotEmpty();
                coverages.add(new Searcher(cb).denseCoverage());
            });
            assertThat(lexicalPass.stream().mapToInt(List::size).sum()).isEqualTo(7);
            assertThat(embeddingPass).hasSize(7);
            List<FileKind> kinds = embeddingPass.stream()
                    .map(p -> FileKind.of(p, cb.manifest().get(p).language())).toList();
            assertThat(kinds).as("embedded in the order %s", embeddingPass).isSorted();
            assertThat(kinds).contains(FileKind.SOURCE, FileKind.TEST, FileKind.PROSE);
            assertThat(coverages.getFirst()).isLessThan(1.0);
            assertThat(coverages).isSorted();
            assertStoreMatchesManifest(cb);
            assertSymbolsMatchFiles(cb);
        }
    }

    @Test
    void searchesBeforeAnyChunkIsEmbeddedAnswerByWordsWithoutEmbeddingTheQuery() throws Exception {
        fixtureWithTestsAndDocs();
        AtomicInteger queriesEmbedded = new AtomicInteger();
        IndexLocation loc = IndexLocation.of(repo, null, null, Map.of("CODE_INDEXER_HOME", home.toString()));
        List<List<SearchHit>> lexicalPass = new ArrayList<>();
        List<List<SearchHit>> embeddingPass = new ArrayList<>();
        try (Codebase cb = Codebase.open(CodeIndexerConfig.defaults(), loc,
                c -> new ForwardingEmbeddingModel(Models.create(c, loc.cacheDir())) {
                    @Override
                    public List<float[]> embedQueries(List<String> queries) {
                        queriesEmbedded.addAndGet(queries.size());
                        return super.embedQueries(queries);
                    }
                }, Models.chunkerFingerprint(ChunkerOptions.defaults()), null)) {
            index(cb, false, files -> {
                boolean storing = files.stream().allMatch(f -> cb.manifest().get(f) == null);
                for (SearchMode mode : SearchMode.values()) {
                    List<SearchHit> hits = new Searcher(cb).search(List.of("retryFailedUpload"),
                            SearchOptions.topK(3).withMode(mode)).getFirst();
                    if (storing && mode != SearchMode.LEXICAL) {
                        (mode == SearchMode.DENSE ? embeddingPass : lexicalPass).add(hits);
                        if (mode == SearchMode.DENSE) {
                            assertThat(hits).as("nothing has vectors to rank by").isEmpty();
                        }
                    }
                }
                if (storing) {
                    assertThat(queriesEmbedded).as("a query embedded before any chunk was").hasValue(0);
                }
            });
            assertThat(lexicalPass).as("hybrid searches during the lexical pass").isNotEmpty()
                    .anySatisfy(hits -> assertThat(hits).extracting(SearchHit::filePath)
                            .contains("src/main/java/demo/Uploader.java"));
            assertThat(queriesEmbedded.get()).as("once embedding began, queries are embedded").isPositive();
            List<SearchHit> dense = new Searcher(cb).search(List.of("retryFailedUpload"),
                    SearchOptions.topK(3).withMode(SearchMode.DENSE)).getFirst();
            assertThat(dense).isNotEmpty();
        }
    }

    @Test
    void aCrashWhileEmbeddingLeavesAnIndexFoundByWordsThatTheNextRunEmbedsWithoutDuplicates() throws Exception {
        fixtureWithTestsAndDocs();
        AtomicInteger embeddingWrites = new AtomicInteger();
        try (Codebase cb = open()) {
            long rows;
            assertThatThrownBy(() -> index(cb, false, files -> {
                boolean embedding = files.stream().allMatch(f -> cb.manifest().get(f) != null);
                if (embedding && embeddingWrites.incrementAndGet() == 2) {
                    throw new IllegalStateException("simulated crash while embedding");
                }
            })).hasMessageContaining("simulated crash while embedding");
            rows = cb.store().count(cb.collection(), null);
            assertThat(cb.manifest().size()).isEqualTo(7);
            assertThat(cb.manifest().files()).anyMatch(FileEntry::vectorsPending);
            assertThat(cb.store().count(cb.collection(), eq(ChunkSchema.EMBEDDED, false))).isPositive();
            assertThat(findRetry(cb)).isNotEmpty();
            assertThat(new Searcher(cb).denseCoverage()).isLessThan(1.0);

            IndexReport resumed = index(cb, false, files -> { });
            assertThat(resumed.filesIndexed()).as("nothing is stored again").isZero();
            assertThat(cb.store().count(cb.collection(), null)).isEqualTo(rows);
            assertStoreMatchesManifest(cb);
            assertSymbolsMatchFiles(cb);
        }
    }

    @Test
    void lexicalFirstCanBeTurnedOffAndAnOlderCollectionWithoutTheMarkIsIndexedInOnePass() throws Exception {
        fixture();
        try (Codebase cb = open()) {
            List<Boolean> pendingSeen = new ArrayList<>();
            try (Chunker chunker = Chunker.create(ChunkerOptions.defaults().withTokenCounter(Models.tokenCounter(cb.model())))) {
                new Indexer(cb, chunker, WalkOptions.defaults(), 4, c -> c, files -> pendingSeen.add(
                        cb.manifest().files().stream().anyMatch(FileEntry::vectorsPending)))
                        .withSettings(new dev.codeindexer.config.IndexSettings(null, false, null)).run(false, p -> { });
            }
            assertThat(pendingSeen).isNotEmpty().containsOnly(false);
            assertStoreMatchesManifest(cb);
        }
    }
}
