package dev.codeindexer.index;

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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two git worktrees of one real repository (made with the git binary), at two commits, indexed one after the other
 * with the real model and the embedded store: the second shares the first's rows, embeds only the chunks the first
 * lacks, and each sees exactly its own files.
 */
class WorktreesTest {
    @TempDir
    Path base;
    @TempDir
    Path home;
    private Path repo;
    private Path worktree;
    private final AtomicInteger embedded = new AtomicInteger();

    @BeforeEach
    void twoWorktreesAtTwoCommits() throws Exception {
        repo = base.resolve("repo");
        write(repo, "src/Uploader.java", """
                package demo;

                public class Uploader {
                    /** Retries a failed upload. */
                    public void retryFailedUpload(String file) {
                        send(file);
                    }

                    private boolean send(String file) {
                        return file.isEmpty();
                    }
                }
                """);
        write(repo, "lib/dates.py", """
                def parse_http_date(value):
                    \"\"\"Parse an RFC 1123 date.\"\"\"
                    return value.strip()
                """);
        write(repo, "cmd/server.go", """
                package main

                // Serve accepts connections until the listener closes.
                func Serve() error {
                	return nil
                }
                """);
        git(repo, "init", "-q");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "old");
        git(repo, "tag", "old");
        write(repo, "lib/dates.py", """
                def parse_http_date(value):
                    \"\"\"Parse an RFC 1123 date.\"\"\"
                    return value.strip()


                def format_retry_after(seconds):
                    \"\"\"The Retry-After header for a wait.\"\"\"
                    return str(int(seconds))
                """);
        write(repo, "src/Throttle.java", """
                package demo;

                public class Throttle {
                    public long throttleWindowMillis() {
                        return 250L;
                    }
                }
                """);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "new");
        git(repo, "tag", "new");
        git(repo, "checkout", "-q", "old");
        worktree = base.resolve("wt");
        git(repo, "worktree", "add", "-q", "--detach", worktree.toString(), "new");
    }

    @Test
    void aSecondWorktreeSharesTheRowsItHasAndSeesOnlyItsOwnFiles() throws Exception {
        Set<String> oldIds;
        try (Codebase first = open(repo)) {
            assertThat(first.location().sharesStore()).isFalse();
            index(first, false);
            oldIds = first.manifest().ids();
        }
        embedded.set(0);
        try (Codebase second = open(worktree)) {
            assertThat(second.location().sharesStore()).as("joins the first worktree's store").isTrue();
            assertThat(second.location().storeDir()).isEqualTo(open(repo).location().dir());
            IndexReport report = index(second, false);
            Set<String> newIds = second.manifest().ids();
            Set<String> added = new HashSet<>(newIds);
            added.removeAll(oldIds);
            assertThat(added).isNotEmpty();
            assertThat(embedded.get()).as("only the chunks the first worktree lacks are embedded").isEqualTo(added.size());
            assertThat(report.chunksWritten()).as("and written").isEqualTo(added.size());
            assertThat(second.manifest().files()).hasSize(4);
            assertThat(second.symbols().symbols("src/Uploader.java")).as("symbols taken from the first")
                    .extracting(s -> s.name()).contains("retryFailedUpload");
            assertThat(SymbolTable.load(second.location().symbolsFile()).paths())
                    .as("its own table records only the files the first lacks")
                    .containsExactlyInAnyOrder("lib/dates.py", "src/Throttle.java");
            assertThat(second.status().chunks()).isEqualTo(newIds.size());
            assertThat(hits(second, "throttleWindowMillis")).contains("src/Throttle.java");
            assertThat(hits(second, "format_retry_after")).contains("lib/dates.py");
            try (Stream<Path> files = Files.list(second.location().dir())) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("no store of its own").allMatch(n -> n.endsWith(".jsonl") || n.equals("codebase.json"));
            }
        }
        try (Codebase first = open(repo)) {
            assertThat(first.status().chunks()).as("counts stay per worktree").isEqualTo(oldIds.size());
            for (SearchMode mode : SearchMode.values()) {
                for (String query : List.of("throttleWindowMillis", "format_retry_after", "retry upload date window")) {
                    List<SearchHit> all = new Searcher(first).search(List.of(query),
                            SearchOptions.topK(50).withMode(mode)).getFirst();
                    assertThat(all).as("never the other worktree's rows: %s %s", mode, query)
                            .allMatch(h -> oldIds.contains(h.chunkId()));
                }
            }
        }

        // The first worktree moves on: the rows the second still has stay.
        Files.writeString(repo.resolve("cmd/server.go"), "package main\n\nfunc Halt() {}\n");
        indexTree(repo);
        try (Codebase second = open(worktree)) {
            List<String> serve = second.manifest().get("cmd/server.go").chunkIds();
            assertThat(second.store().get(second.collection(), serve)).hasSize(serve.size());
            assertThat(hits(second, "Serve")).contains("cmd/server.go");
            assertOwnRows(second, "Halt");
            assertThat(second.symbols().symbols("cmd/server.go")).as("handed over before the first replaced them")
                    .extracting(s -> s.name()).contains("Serve").doesNotContain("Halt");
        }

        // Back to the first commit: everything is the first worktree's, nothing is embedded.
        git(worktree, "checkout", "-q", "--detach", "old");
        embedded.set(0);
        try (Codebase second = open(worktree)) {
            index(second, false);
            assertThat(embedded.get()).isZero();
            assertThat(second.manifest().ids()).isEqualTo(oldIds);
            assertOwnRows(second, "throttleWindowMillis");
            assertThat(hits(second, "Serve")).contains("cmd/server.go");
        }

        try (Codebase second = open(worktree)) {
            second.deleteAll();
            assertThat(second.location().exists()).isFalse();
        }
        try (Codebase first = open(repo)) {
            assertThat(first.status().chunks()).isEqualTo(first.manifest().ids().size());
            assertThat(hits(first, "Halt")).contains("cmd/server.go");
            assertThat(hits(first, "retryFailedUpload")).contains("src/Uploader.java");
        }
    }

    @Test
    void aHeadStartRecordsTheFilesAnotherWorktreeHasBeforeAnythingIsOpened() throws Exception {
        Set<String> oldIds;
        try (Codebase first = open(repo)) {
            index(first, false);
            oldIds = first.manifest().ids();
        }
        IndexLocation location = location(worktree);
        assertThat(Worktrees.headStart(location, WalkOptions.defaults(), "lucene")).as("the two unchanged files")
                .isEqualTo(2);
        assertThat(location.exists()).isTrue();
        assertThat(Manifest.load(location.manifestFile()).files()).extracting(FileEntry::path)
                .containsExactlyInAnyOrder("src/Uploader.java", "cmd/server.go");
        try (Codebase second = open(worktree)) {
            assertThat(hits(second, "retryFailedUpload")).as("searchable at once").contains("src/Uploader.java");
            assertThat(second.symbols().symbols("src/Uploader.java")).extracting(s -> s.name())
                    .contains("retryFailedUpload");
            assertThat(hits(second, "throttleWindowMillis")).as("not read yet").isEmpty();
            assertThat(hits(second, "format_retry_after")).as("the first's version of the file is not its own")
                    .isEmpty();
            embedded.set(0);
            IndexReport report = index(second, false);
            assertThat(report.filesIndexed()).as("the run reads only what the head start left").isEqualTo(2);
            Set<String> added = new HashSet<>(second.manifest().ids());
            added.removeAll(oldIds);
            assertThat(embedded.get()).isEqualTo(added.size());
            assertThat(second.manifest().files()).hasSize(4);
            assertOwnRows(second, "throttleWindowMillis");
        }
        assertThat(Worktrees.headStart(location(worktree), WalkOptions.defaults(), "lucene"))
                .as("only for a worktree new to the store").isZero();
        assertThat(Worktrees.headStart(location(repo), WalkOptions.defaults(), "lucene"))
                .as("nor for the one whose store it is").isZero();
    }

    @Test
    void aCloneSharesTheRowsOfTheRepositoryItWasClonedFromAndAnUnrelatedOneDoesNot() throws Exception {
        Set<String> oldIds;
        try (Codebase first = open(repo)) {
            index(first, false);
            oldIds = first.manifest().ids();
        }
        Path clone = base.resolve("clone");
        git(base, "clone", "-q", repo.toString(), clone.toString());
        git(clone, "checkout", "-q", "--detach", "new");
        embedded.set(0);
        try (Codebase second = open(clone)) {
            assertThat(second.location().storeDir()).as("joins the first's store").isEqualTo(location(repo).dir());
            IndexReport report = index(second, false);
            Set<String> added = new HashSet<>(second.manifest().ids());
            added.removeAll(oldIds);
            assertThat(added).isNotEmpty();
            assertThat(embedded.get()).isEqualTo(added.size());
            assertThat(report.chunksWritten()).isEqualTo(added.size());
            assertThat(hits(second, "throttleWindowMillis")).contains("src/Throttle.java");
            assertOwnRows(second, "retryFailedUpload");
        }
        try (Codebase first = open(repo)) {
            assertOwnRows(first, "throttleWindowMillis");
        }

        // The same files committed in a repository of their own: another first commit, nothing shared.
        Path unrelated = base.resolve("unrelated");
        for (String file : List.of("src/Uploader.java", "lib/dates.py", "cmd/server.go")) {
            write(unrelated, file, Files.readString(repo.resolve(file)));
        }
        git(unrelated, "init", "-q");
        git(unrelated, "add", "-A");
        git(unrelated, "commit", "-q", "-m", "a history of its own");
        assertThat(location(unrelated).sharesStore()).isFalse();
    }

    @Test
    void aSharedChunkMovedDownByAnEditIsReportedAtItsLinesInEachWorktree() throws Exception {
        indexTree(repo);
        String moved = "/** Uploads. */\n\n\n" + Files.readString(worktree.resolve("src/Uploader.java"));
        Files.writeString(worktree.resolve("src/Uploader.java"), moved);
        try (Codebase second = open(worktree); Codebase first = open(repo)) {
            index(second, false);
            Set<String> shared = new HashSet<>(second.manifest().get("src/Uploader.java").chunkIds());
            shared.retainAll(first.manifest().get("src/Uploader.java").chunkIds());
            assertThat(shared).as("a chunk whose text stayed keeps its id and its one row").isNotEmpty();

            SearchHit there = uploadHit(first, SearchOptions.topK(10));
            SearchHit here = uploadHit(second, SearchOptions.topK(10));
            assertThat(here.chunkId()).isEqualTo(there.chunkId());
            assertThat(here.matchStartLine()).as("three lines further down here").isEqualTo(there.matchStartLine() + 3);
            assertThat(here.startLine()).isEqualTo(there.startLine() + 3);
            List<String> lines = Files.readAllLines(worktree.resolve("src/Uploader.java"));
            assertThat(lines.subList((int) here.startLine() - 1, (int) here.endLine()))
                    .anyMatch(l -> l.contains("void retryFailedUpload"));
            assertThat(here.content()).contains("retryFailedUpload");

            long line = here.matchStartLine();
            assertThat(uploadHit(second, SearchOptions.builder().topK(10).lines(line, line).build()))
                    .as("a line range applies to this worktree's lines").isNotNull();
            assertThat(new Searcher(second).search(List.of("retryFailedUpload"), SearchOptions.builder().topK(10)
                    .mode(SearchMode.LEXICAL).lines(1, 3).build()).getFirst())
                    .noneMatch(h -> h.chunkId().equals(there.chunkId()));
        }
    }

    /** The lexical hit of the method retryFailedUpload, or null. */
    private static SearchHit uploadHit(Codebase cb, SearchOptions options) {
        return new Searcher(cb).search(List.of("retryFailedUpload"), options.withMode(SearchMode.LEXICAL)).getFirst()
                .stream().filter(h -> "method".equals(h.entityType()) && h.content().contains("retryFailedUpload"))
                .findFirst().orElse(null);
    }

    @Test
    void aFullRebuildOfASharedWorktreeKeepsTheOthersRows() throws Exception {
        indexTree(repo);
        try (Codebase second = open(worktree)) {
            index(second, false);
            index(second, true);
            assertThat(second.status().chunks()).isEqualTo(second.manifest().ids().size());
            assertThat(hits(second, "throttleWindowMillis")).contains("src/Throttle.java");
        }
        try (Codebase first = open(repo)) {
            assertRowsStored(first);
            assertOwnRows(first, "throttleWindowMillis");
        }
    }

    @Test
    void deletingTheWorktreeWhoseDirectoryHoldsTheStoreLeavesTheOtherAnswering() throws Exception {
        indexTree(repo);
        indexTree(worktree);
        try (Codebase first = open(repo)) {
            first.deleteAll();
        }
        assertThat(open(repo).location().exists()).as("not indexed any more").isFalse();
        try (Codebase second = open(worktree)) {
            assertThat(second.status().chunks()).isEqualTo(second.manifest().ids().size());
            assertRowsStored(second);
            assertThat(hits(second, "retryFailedUpload")).contains("src/Uploader.java");
        }
        Path third = base.resolve("wt3");
        git(repo, "worktree", "add", "-q", "--detach", third.toString(), "new");
        try (Codebase late = open(third)) {
            assertThat(late.location().storeDir()).as("the store outlives the worktree that made it")
                    .isEqualTo(open(repo).location().dir());
        }
        embedded.set(0);
        try (Codebase first = open(repo)) {
            index(first, false);
            assertThat(embedded.get()).as("indexed again from the rows the other kept and the cache").isZero();
            assertOwnRows(first, "throttleWindowMillis");
        }
    }

    @Test
    void aRunCutShortAfterAStoreWriteLeavesNoRowAnotherWorktreeSeesOrNobodyOwns() throws Exception {
        indexTree(repo);
        try (Codebase second = open(worktree)) {
            assertThatThrownBy(() -> index(second, false, files -> {
                if (files.contains("src/Throttle.java")) {
                    throw new IllegalStateException("simulated crash after a store write");
                }
            })).hasMessageContaining("simulated crash");
            assertThat(second.manifest().get("src/Throttle.java")).as("written, not recorded").isNull();
        }
        try (Codebase first = open(repo)) {
            assertOwnRows(first, "throttleWindowMillis");
            assertThat(first.status().chunks()).isEqualTo(first.manifest().ids().size());
        }
        // The file goes before the next run, which must still find and delete the rows it left.
        Files.delete(worktree.resolve("src/Throttle.java"));
        try (Codebase second = open(worktree)) {
            index(second, false);
            assertThat(second.manifest().files()).extracting(FileEntry::path).doesNotContain("src/Throttle.java");
            Set<String> all = new HashSet<>(second.manifest().ids());
            try (Codebase first = open(repo)) {
                all.addAll(first.manifest().ids());
            }
            assertThat(second.store().count(second.collection(), null)).as("every row is some worktree's")
                    .isEqualTo(all.size());
            assertThat(second.status().chunks()).isEqualTo(second.manifest().ids().size());
        }
    }

    @Test
    void aRevisionIndexedWithoutCheckoutSharesTheRepositorysRows() throws Exception {
        Set<String> oldIds;
        try (Codebase first = open(repo)) {
            index(first, false);
            oldIds = first.manifest().ids();
        }
        GitRevision revision = GitRevision.resolve(repo, "new", Map.of("CODE_INDEXER_HOME", home.toString()));
        assertThat(revision.materialize()).isTrue();
        embedded.set(0);
        try (Codebase atNew = open(revision.tree())) {
            assertThat(atNew.location().sharesStore()).isTrue();
            index(atNew, false);
            Set<String> added = new HashSet<>(atNew.manifest().ids());
            added.removeAll(oldIds);
            assertThat(added).isNotEmpty();
            assertThat(embedded.get()).isEqualTo(added.size());
            assertThat(hits(atNew, "throttleWindowMillis")).contains("src/Throttle.java");
        }
        try (Codebase first = open(repo)) {
            assertOwnRows(first, "throttleWindowMillis");
        }
    }

    private IndexLocation location(Path root) {
        return IndexLocation.of(root, null, null, Map.of("CODE_INDEXER_HOME", home.toString()))
                .sharingWorktrees("lucene");
    }

    private Codebase open(Path root) {
        IndexLocation loc = location(root);
        return Codebase.open(CodeIndexerConfig.defaults(), loc,
                c -> new ForwardingEmbeddingModel(Models.create(c, loc.cacheDir())) {
                    @Override
                    public List<float[]> embedDocuments(List<String> texts) {
                        embedded.addAndGet(texts.size());
                        return super.embedDocuments(texts);
                    }
                }, Models.chunkerFingerprint(ChunkerOptions.defaults()), null);
    }

    private static IndexReport index(Codebase cb, boolean full) {
        return index(cb, full, files -> { });
    }

    /** An index run under the store's lock; {@code listener} hears of each store write before it is recorded. */
    private static IndexReport index(Codebase cb, boolean full, Indexer.StoreWriteListener listener) {
        try (IndexLock lock = IndexLock.acquire(cb.location(), "index", false);
             Chunker chunker = Chunker.create(ChunkerOptions.defaults()
                     .withTokenCounter(Models.tokenCounter(cb.model())))) {
            return new Indexer(cb, chunker, WalkOptions.defaults(), 4, c -> c, listener).run(full, p -> { });
        }
    }

    /** Opens the codebase at {@code root}, indexes it and closes it. */
    private void indexTree(Path root) {
        try (Codebase cb = open(root)) {
            index(cb, false);
        }
    }

    /** Every row the codebase's manifest records is in the store. */
    private static void assertRowsStored(Codebase cb) {
        for (FileEntry f : cb.manifest().files()) {
            assertThat(cb.store().get(cb.collection(), f.chunkIds())).as(f.path()).hasSize(f.chunkIds().size());
        }
    }

    /** The files of the lexical hits for {@code query} whose code has it. */
    private static List<String> hits(Codebase cb, String query) {
        return new Searcher(cb).search(List.of(query), SearchOptions.topK(10).withMode(SearchMode.LEXICAL))
                .getFirst().stream().filter(h -> h.content().contains(query)).map(SearchHit::filePath).toList();
    }

    /**
     * Every hit for {@code query}, in every mode, is one of the codebase's own rows (and dense ranking, which ranks
     * every row, has some: the scope removes rows, not whole searches).
     */
    private static void assertOwnRows(Codebase cb, String query) {
        Set<String> own = cb.manifest().ids();
        for (SearchMode mode : SearchMode.values()) {
            List<SearchHit> hits = new Searcher(cb).search(List.of(query), SearchOptions.topK(50).withMode(mode))
                    .getFirst();
            assertThat(hits).as("%s %s", mode, query).allMatch(h -> own.contains(h.chunkId()));
            if (mode == SearchMode.DENSE) {
                assertThat(hits).isNotEmpty();
            }
        }
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
    }
}
