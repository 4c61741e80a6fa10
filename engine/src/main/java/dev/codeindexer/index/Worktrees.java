package dev.codeindexer.index;

import dev.codeindexer.chunk.walk.RepositoryWalker;
import dev.codeindexer.chunk.walk.SourceFile;
import dev.codeindexer.chunk.walk.WalkEntry;
import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.Filters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The git worktrees of one repository that share one index's rows.
 *
 * <p>A chunk's id is made of its path, entity, window and text, so a file with the same content at the same path
 * gives the same rows in every worktree. The first worktree indexed under a data dir keeps its store; a worktree of
 * the same repository indexed after it (found by the common git directory {@code codebase.json} records; a
 * revision's tree counts as a worktree, and a clone of the repository as one too, found by the first commit) keeps only its own manifest and symbol table and writes to that store just
 * the rows no other worktree has. A file both have is recorded by taking the other's manifest entry, and its
 * symbols are inherited from the other's table ({@link SymbolTable#inherit}): nothing is parsed, written or
 * embedded.
 *
 * <p>Each worktree sees its own files: a read is scoped by leaving out the rows other worktrees have and it has
 * not ({@link #scope}), recorded or about to be written ({@link Manifest#markPending}). A row is deleted only when
 * no other worktree has it. Writes to the shared store are serialised by its index directory's lock.
 */
public final class Worktrees {
    /** An index directory that holds the store a new worktree can share. */
    record Host(Path dir, String name, int generation) {
    }

    /** The codebase's location now: a rebuild's switch of generations changes it. */
    private final Supplier<IndexLocation> where;
    private final Map<Path, Loaded<Manifest>> manifests = new HashMap<>();
    private final Map<Path, Loaded<SymbolTable>> symbolTables = new HashMap<>();

    /** A file as loaded, with its size and modification time then, to notice when it changed. */
    private record Loaded<T>(T value, long size, long mtime) {
    }

    /** {@code file} loaded by {@code load}, from {@code cache} unless it changed since; null when it does not exist. */
    private static <T> T current(Map<Path, Loaded<T>> cache, Path file, Function<Path, T> load) {
        long size;
        long mtime;
        try {
            size = Files.size(file);
            mtime = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return null;
        }
        Loaded<T> l = cache.get(file);
        if (l == null || l.size() != size || l.mtime() != mtime) {
            l = new Loaded<>(load.apply(file), size, mtime);
            cache.put(file, l);
        }
        return l.value();
    }

    Worktrees(Supplier<IndexLocation> where) {
        this.where = where;
    }

    /**
     * The repository's common git directory when {@code root} is the top of a git checkout (the main worktree's
     * {@code .git}, or the one a linked worktree's {@code .git} file leads to through {@code commondir}) or a
     * revision's tree ({@link #revisionMarker}), else null.
     */
    static String commonGitDir(Path root) {
        Path git = root.resolve(".git");
        try {
            if (Files.isDirectory(git)) {
                return git.toRealPath().toString();
            }
            if (!Files.isRegularFile(git)) {
                git = revisionMarker(root); // a revision's tree, unpacked without a .git of its own
            }
            if (!Files.isRegularFile(git)) {
                return null;
            }
            String line = Files.readString(git).strip();
            if (!line.startsWith("gitdir:")) {
                return null;
            }
            Path gitDir = root.resolve(line.substring("gitdir:".length()).strip()).normalize();
            Path common = gitDir.resolve("commondir");
            if (Files.isRegularFile(common)) {
                gitDir = gitDir.resolve(Files.readString(common).strip()).normalize();
            }
            return Files.isDirectory(gitDir) ? gitDir.toRealPath().toString() : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: not shared, indexed on its own as before
        }
    }

    /** The file beside a revision's tree ({@link GitRevision}) that names its repository's git directory. */
    static Path revisionMarker(Path tree) {
        Path name = tree.getFileName();
        return name == null ? tree.resolve(".git") : tree.resolveSibling(name + ".git");
    }

    /**
     * The index directory holding a store of {@code storeType} that a worktree of the repository at {@code gitDir}
     * can share: the store of an indexed worktree of that repository beside {@code dir} (its own, or the one it
     * shares, which outlives the worktree that made it), else that of an indexed clone of it (the same first
     * commit, {@link #repository}); the first by name.
     */
    static Optional<Host> host(Path dir, String gitDir, String storeType) {
        if (gitDir == null || storeType == null) {
            return Optional.empty();
        }
        Map<Path, CodebaseInfo> indexed = new LinkedHashMap<>();
        siblings(dir).filter(d -> !d.equals(dir)).forEach(d -> CodebaseInfo.read(d)
                .filter(i -> storeType.equals(i.store())).ifPresent(i -> indexed.put(d, i)));
        Optional<Host> worktree = hostAmong(indexed, i -> gitDir.equals(i.gitDir()));
        if (worktree.isPresent() || indexed.values().stream().allMatch(i -> i.repository() == null)) {
            return worktree;
        }
        String repository = firstCommit(gitDir); // asked of git only when a clone may be indexed
        return repository == null ? Optional.empty() : hostAmong(indexed, i -> repository.equals(i.repository()));
    }

    private static Optional<Host> hostAmong(Map<Path, CodebaseInfo> indexed, Predicate<CodebaseInfo> same) {
        return indexed.entrySet().stream().filter(e -> same.test(e.getValue()))
                .map(e -> new Host(e.getValue().storeDir(e.getKey()), e.getValue().collection(),
                        e.getValue().generation()))
                .filter(h -> Files.isDirectory(h.dir()))
                .min(Comparator.comparing(h -> h.dir().getFileName().toString()));
    }

    /**
     * What every clone of the repository at {@code gitDir} has in common, to record for {@code at}: its first
     * commit, as {@code at}'s own record or (sharing a store, which only checkouts of one repository do) the store's
     * records it, else asked of git; null when there is no git directory, no commit or no git command.
     */
    static String repository(IndexLocation at, String gitDir) {
        if (gitDir == null) {
            return null;
        }
        Optional<String> recorded = CodebaseInfo.read(at.dir()).filter(i -> gitDir.equals(i.gitDir()))
                .map(CodebaseInfo::repository)
                .or(() -> at.sharesStore() ? CodebaseInfo.read(at.storeDir()).map(CodebaseInfo::repository)
                        : Optional.empty());
        return recorded.orElseGet(() -> firstCommit(gitDir));
    }

    /**
     * The first commit of the repository at {@code gitDir}: the least id among the commits without parents that
     * {@code HEAD} reaches, which every clone of it has (a shallow clone's differs: it then shares nothing); null
     * when git cannot say.
     */
    private static String firstCommit(String gitDir) {
        try {
            Process p = new ProcessBuilder("git", "--git-dir", gitDir, "rev-list", "--max-parents=0", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return out.lines().map(String::strip).filter(l -> l.matches("[0-9a-f]{40,64}")).sorted().findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null; // no git command: clones are indexed apart, as before
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Stream<Path> siblings(Path dir) {
        Path parent = dir.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return Stream.empty();
        }
        try (Stream<Path> all = Files.list(parent)) {
            return all.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new IndexException("cannot list the index directories in " + parent + " (" + e.getMessage() + ")", e);
        }
    }

    /** The index directories of the other worktrees whose rows are in the same store, this one's left out. */
    synchronized List<Path> others() {
        IndexLocation location = where.get();
        Path store = location.storeDir();
        List<Path> out = new ArrayList<>();
        siblings(location.dir()).filter(d -> !d.equals(location.dir())).forEach(d -> CodebaseInfo.read(d)
                .filter(i -> i.storeDir(d).equals(store) && i.collection().equals(location.name()))
                .ifPresent(i -> out.add(d)));
        return out;
    }

    /** Whether another worktree's rows are in this store, so that reads are scoped and deletes spare its rows. */
    public boolean shared() {
        return !others().isEmpty();
    }

    /**
     * Every other worktree's manifest by its index directory, current (each reloaded when its file changed); one not
     * written yet has no rows.
     */
    private synchronized Map<Path, Manifest> otherManifests() {
        Map<Path, Manifest> out = new LinkedHashMap<>();
        Path name = where.get().manifestFile().getFileName();
        for (Path d : others()) {
            Manifest m = current(manifests, d.resolve(name), Manifest::load);
            if (m != null) {
                out.put(d, m);
            }
        }
        return out;
    }

    /** The ids of rows other worktrees have: recorded, or marked as about to be written. */
    private synchronized Set<String> otherIds() {
        Set<String> ids = new HashSet<>();
        otherManifests().values().forEach(m -> ids.addAll(m.ids()));
        return ids;
    }

    /**
     * A head start for a worktree's first index run in a store other worktrees share, made before the run opens the
     * store and the model (more than a second of start-up): the files another worktree has with the same content
     * here are recorded from its manifest entries, after {@code codebase.json}, so the new worktree answers searches
     * for them about a second after its run starts. The run then finds those files unchanged. Does nothing unless
     * the worktree is new to the store (its manifest empty); called under the store's lock.
     *
     * @param storeType the type of the configured store, which {@code codebase.json} records
     * @return how many files were recorded
     */
    public static int headStart(IndexLocation location, WalkOptions walk, String storeType) {
        if (!location.sharesStore()) {
            return 0;
        }
        Manifest mine = Manifest.load(location.manifestFile());
        if (mine.size() > 0 || !mine.pending().isEmpty()) {
            return 0;
        }
        Snapshot family = new Worktrees(() -> location).snapshot();
        List<FileEntry> theirs = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Stream<WalkEntry> entries = RepositoryWalker.create(location.codebase(), walk).entries()) {
            entries.forEach(entry -> {
                if (entry instanceof SourceFile f && family.likelyHas(f.path(), f.size())) {
                    byte[] bytes;
                    try {
                        bytes = f.readBytes();
                    } catch (RuntimeException unreadable) {
                        return; // the run reports it
                    }
                    String hash = IndexLocation.sha256(bytes);
                    family.find(f.path(), hash).ifPresent(e -> theirs.add(e.seenAgain(bytes.length,
                            Indexer.mtime(f), now)));
                }
            });
        }
        if (!theirs.isEmpty()) {
            CodebaseInfo.of(location, storeType, commonGitDir(location.codebase())).write(location.dir());
            mine.record(theirs, List.of());
        }
        return theirs.size();
    }

    /**
     * What the other worktrees have, as an index run of this one needs it: taken under the store's lock, which keeps
     * them from writing until the run ends.
     */
    Snapshot snapshot() {
        Map<Path, Manifest> others = otherManifests();
        Set<String> ids = new HashSet<>();
        Set<String> embedded = new HashSet<>();
        Set<String> stored = new HashSet<>();
        others.values().forEach(m -> {
            ids.addAll(m.ids());
            m.files().forEach(f -> {
                stored.addAll(f.chunkIds());
                if (!f.vectorsPending()) {
                    embedded.addAll(f.chunkIds());
                }
            });
        });
        return new Snapshot(others, ids, stored, embedded);
    }

    /**
     * The other worktrees at the start of an index run.
     *
     * @param ids      every id they have, recorded or about to be written: rows this worktree must not delete
     * @param stored   the ids they record: rows in the store, which this worktree need not write again
     * @param embedded those of {@code stored} whose rows have the model's vectors, which need no embedding
     */
    final class Snapshot {
        private final Map<Path, Manifest> manifests;
        final Set<String> ids;
        final Set<String> stored;
        final Set<String> embedded;

        private Snapshot(Map<Path, Manifest> manifests, Set<String> ids, Set<String> stored, Set<String> embedded) {
            this.manifests = manifests;
            this.ids = ids;
            this.stored = stored;
            this.embedded = embedded;
        }

        /** Another worktree's entry for {@code path} with content {@code hash}, an embedded one first. */
        Optional<FileEntry> find(String path, String hash) {
            FileEntry best = null;
            for (Manifest other : manifests.values()) {
                FileEntry e = other.get(path);
                if (e != null && e.hash().equals(hash) && (best == null || best.vectorsPending())) {
                    best = e;
                }
            }
            return Optional.ofNullable(best);
        }

        /** Whether another worktree has a file at {@code path} of {@code size} bytes, likely the same content. */
        boolean likelyHas(String path, long size) {
            return manifests.values().stream().map(m -> m.get(path)).anyMatch(e -> e != null && e.size() == size);
        }

        /** Of {@code ids}, those no other worktree has: the ones this worktree may delete. */
        List<String> unshared(Collection<String> candidates) {
            return candidates.stream().filter(id -> !ids.contains(id)).distinct().sorted().toList();
        }
    }

    /**
     * Gives {@code mine} the entries other worktrees' tables have for the files {@code manifest} records with the
     * same content and {@code mine} lacks (they were recorded there, not copied here).
     */
    synchronized void inheritInto(SymbolTable mine, Manifest manifest) {
        if (manifest.size() == 0) {
            return; // a new worktree's: their tables need not be read
        }
        List<SymbolTable> tables = new ArrayList<>();
        Path name = where.get().symbolsFile().getFileName();
        for (Path d : others()) {
            SymbolTable t = current(symbolTables, d.resolve(name), SymbolTable::load);
            if (t != null) {
                tables.add(t);
            }
        }
        if (tables.isEmpty()) {
            return;
        }
        for (FileEntry e : manifest.files()) {
            if (e.hash().equals(mine.hash(e.path()))) {
                continue;
            }
            for (SymbolTable t : tables) {
                if (e.hash().equals(t.hash(e.path()))) {
                    mine.inherit(t.file(e.path()));
                    break;
                }
            }
        }
    }

    /**
     * Before {@code mine} replaces or drops its own entries for {@code paths}: copies each into the table of every
     * other worktree that has the file with that content and may be inheriting it, unless that table records it
     * itself. Called under the store's lock, which keeps the others from writing meanwhile.
     */
    synchronized void handOver(SymbolTable mine, Collection<String> paths) {
        Map<Path, Manifest> others = otherManifests();
        if (others.isEmpty()) {
            return;
        }
        Path name = where.get().symbolsFile().getFileName();
        for (Map.Entry<Path, Manifest> other : others.entrySet()) {
            List<FileSymbols> theirs = new ArrayList<>();
            for (String path : paths) {
                FileSymbols f = mine.own(path);
                FileEntry e = f == null ? null : other.getValue().get(path);
                if (e != null && e.hash().equals(f.hash())) {
                    theirs.add(f);
                }
            }
            if (theirs.isEmpty()) {
                continue;
            }
            SymbolTable table = SymbolTable.load(other.getKey().resolve(name));
            List<FileSymbols> missing = theirs.stream().filter(f -> !f.hash().equals(table.hash(f.path()))).toList();
            table.record(missing, List.of());
        }
    }

    /**
     * The filter that keeps a read to this worktree's rows: none of the rows other worktrees have and it has not;
     * null when there are none.
     */
    public Filter scope(Manifest mine) {
        Set<String> excluded = otherIds();
        excluded.removeAll(mine.ids());
        return excluded.isEmpty() ? null : Filters.not(Filters.in(ChunkSchema.CHUNK_ID, List.copyOf(excluded)));
    }
}
