package dev.codeindexer.server;

import dev.codeindexer.config.SearchSettings;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.grep.Grep;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.GitRevision;
import dev.codeindexer.index.DryRun;
import dev.codeindexer.index.IndexLock;
import dev.codeindexer.index.IndexStatus;
import dev.codeindexer.index.NotIndexedException;
import dev.codeindexer.search.AcrossCodebases;
import dev.codeindexer.search.CodebaseHit;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.search.Searcher;
import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.SearchMode;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.symbols.Callees;
import dev.codeindexer.symbols.Callers;
import dev.codeindexer.symbols.FileOutline;
import dev.codeindexer.symbols.Refs;
import dev.codeindexer.symbols.RepoMap;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolLookup;
import dev.codeindexer.symbols.SymbolQuery;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the HTTP and MCP servers do, in one place: search, index in the background, report, delete. Each codebase's
 * index is opened once and kept open, because the embedded store allows one writer per index directory and a
 * search must see what a running job has written; searches run on the request threads while the job writes.
 */
public final class IndexService implements AutoCloseable {
    private final IndexAccess access;
    private final AllowedRoots roots;
    private final IndexJobs jobs;
    private final Map<Path, Codebase> open = new ConcurrentHashMap<>();
    /** Parses files for {@code refs} with code only; thread-safe. */
    private final Chunker chunker = Chunker.create();

    public IndexService(IndexAccess access, AllowedRoots roots, IndexMetrics metrics) {
        this.access = access;
        this.roots = roots;
        this.jobs = new IndexJobs(metrics);
    }

    public IndexAccess access() {
        return access;
    }

    /**
     * The codebase root a client named: an absolute path, normalised, inside {@code server.roots}. Every request
     * naming a codebase comes through here before anything is opened.
     *
     * @throws InvalidInputException for a blank, relative or malformed path
     * @throws OutsideRootsException for a path outside {@code server.roots}
     */
    public Path root(String path) {
        Path root = parseRoot(path);
        roots.check(root);
        return root;
    }

    /**
     * The codebase a client names by {@code path} and, optionally, a git revision of its repository: with
     * {@code rev}, the tree of that revision as the server indexed it.
     *
     * @throws InvalidInputException when that revision is not indexed here
     */
    public Path root(String path, String rev) {
        Path root = root(path);
        if (rev == null) {
            return root;
        }
        GitRevision revision = access.revision(root, rev);
        if (!revision.materialized()) {
            throw new InvalidInputException("revision " + revision.describe() + " is not indexed by this server; "
                    + "index it first (server.repositories: " + root + "@" + rev + ")");
        }
        return revision.tree();
    }

    /** Where the tree of the commit that revision {@code rev} of {@code repository} names now is (or would be). */
    public Path revisionTree(Path repository, String rev) {
        return access.revision(repository, rev).tree();
    }

    /**
     * The tree of revision {@code rev} of the repository at {@code repository}, unpacked if it is not yet, for the
     * server to index ({@code server.repositories} entries {@code DIR@REV}).
     */
    public Path unpackRevision(Path repository, String rev) {
        roots.check(repository);
        GitRevision revision = access.revision(repository, rev);
        revision.materialize();
        return revision.tree();
    }

    private static Path parseRoot(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("path is required: the absolute path of the codebase's root directory");
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            throw new InvalidInputException("path '" + path + "' is not a valid path: " + e.getReason());
        }
        if (!p.isAbsolute()) {
            throw new InvalidInputException("path must be absolute (the server's working directory means nothing to "
                    + "a client), got '" + path + "'");
        }
        return p.normalize();
    }

    /** The codebase at {@code root}, opened (and its index directory created) if it is not open yet: for indexing. */
    private Codebase codebase(Path root) {
        return open.computeIfAbsent(root, access::open);
    }

    /**
     * The open codebase at {@code root}, which must have been indexed. A codebase never indexed is refused before
     * anything is opened: a read must leave no trace, or every unknown path asked about would add a directory
     * under the data home and an entry to {@link #open}.
     */
    private Codebase existing(Path root) {
        Codebase c = open.get(root);
        if (c != null) {
            c.refresh(); // follow a rebuild another process completed
            return c;
        }
        if (!access.hasIndex(root)) {
            throw new NotIndexedException(root);
        }
        return codebase(root);
    }

    /** The open codebase at {@code root}, which must hold an index. */
    private Codebase indexed(Path root) {
        Codebase c = existing(root);
        c.requireIndex();
        return c;
    }

    /**
     * One result list per query, best first. Ranking options the query leaves open (mode, fusion weights) come
     * from the config's {@code search} block, as for the {@code search} command.
     */
    public List<List<SearchHit>> search(SearchQuery query) {
        SearchSettings s = access.searchSettings();
        SearchOptions options = query.options().rankedBy(s, query.mode());
        Codebase c = indexed(query.root());
        try {
            return new Searcher(c).search(query.queries(), options);
        } catch (CollectionNotFoundException e) {
            throw new NotIndexedException(query.root()); // a full re-index dropped it a moment ago
        }
    }

    /**
     * One ranking over several codebases, every hit naming its codebase ({@link AcrossCodebases}); the ranking
     * options the query leaves open come from the config, as for one codebase.
     *
     * @throws NotIndexedException when one of them has no index
     */
    public List<List<CodebaseHit>> searchAcross(List<Path> roots, List<String> queries, SearchOptions options,
                                                SearchMode mode) {
        SearchOptions ranked = options.rankedBy(access.searchSettings(), mode);
        return AcrossCodebases.search(roots.stream().map(this::indexed).toList(), queries, ranked);
    }

    /** The lowest dense coverage of the codebases at {@code roots}. */
    public double denseCoverage(List<Path> roots) {
        return AcrossCodebases.denseCoverage(roots.stream().map(this::indexed).toList());
    }

    /** The codebases indexed where this server looks, inside {@code server.roots}: what a client may search. */
    public List<Path> indexedCodebases() {
        return access.indexedCodebases().stream().filter(roots::allows).toList();
    }

    /**
     * The fraction of the chunks of {@code root}'s index with the model's vectors: below 1 while an index run embeds
     * what it has stored ({@link Searcher#denseCoverage}).
     */
    public double denseCoverage(Path root) {
        return new Searcher(indexed(root)).denseCoverage();
    }

    /**
     * Definitions by name in the codebase at {@code root}: exact, then prefix, then fuzzy matches. Answered from
     * the symbol table its index jobs keep current, without the store or the model.
     *
     * @throws NotIndexedException   when it has no index
     * @throws InvalidInputException when nothing is even near the name
     */
    public SymbolLookup findSymbols(Path root, SymbolQuery query) {
        return symbols(root).find(query);
    }

    /**
     * The outline of one indexed file of the codebase at {@code root}.
     *
     * @throws InvalidInputException when the file is not indexed
     */
    public FileOutline outline(Path root, String file) {
        return symbols(root).outline(file);
    }

    /** Every matching line of the indexed files of the codebase at {@code root} ({@code code-indexer grep}). */
    public Grep.Result grep(Path root, Grep.Options options, String pathGlob) {
        Codebase c = indexed(root);
        return Grep.run(c.location().codebase(), c.manifest(), pathGlob, options);
    }

    /** Who calls {@code name} in the codebase at {@code root} ({@code code-indexer callers}). */
    public Callers callers(Path root, String name, int depth) {
        return symbols(root).callers(name, depth);
    }

    /** What {@code name}'s definitions call in the codebase at {@code root} ({@code code-indexer callees}). */
    public Callees callees(Path root, String name, int depth) {
        return symbols(root).callees(name, depth);
    }

    /** Every line with the identifier {@code name} in the codebase at {@code root} ({@code code-indexer refs}). */
    public Refs refs(Path root, String name, boolean codeOnly, String pathGlob, int max) {
        return symbols(root).refs(name, codeOnly, pathGlob, max, chunker);
    }

    /** A map of the codebase at {@code root} within {@code tokens} ({@code code-indexer map}). */
    public RepoMap map(Path root, int tokens) {
        return symbols(root).map(tokens);
    }

    private SymbolIndex symbols(Path root) {
        Codebase c = existing(root);
        return c.read(() -> {
            // An empty table is a codebase never indexed, or one whose index was deleted: then the store decides.
            if (c.symbols().paths().isEmpty() && !c.store().hasCollection(c.collection())) {
                throw new NotIndexedException(root);
            }
            return SymbolIndex.of(c.location(), c.symbols());
        });
    }

    /**
     * Starts indexing {@code root} in the background.
     *
     * @throws InvalidInputException if it is not a directory
     * @throws JobConflictException     if a job of it is queued or running
     */
    public IndexJob startIndex(Path root, boolean full) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root + " is not a directory; give the root of the codebase to index");
        }
        return jobs.submit(root, full, job -> access.index(codebase(root), full, job::progress));
    }

    /**
     * What indexing {@code root} would do, written nowhere: runs in the caller's thread (it reads and chunks the
     * tree and calibrates the model for a few seconds), beside any index job.
     *
     * @throws InvalidInputException if it is not a directory
     */
    public DryRun.Report dryRun(Path root) {
        if (!Files.isDirectory(root)) {
            throw new InvalidInputException(root + " is not a directory; give the root of the codebase to index");
        }
        return access.dryRun(root);
    }

    public IndexJob job(String id) {
        return jobs.get(id);
    }

    public List<IndexJob> jobs() {
        return jobs.list();
    }

    /** The most recent index job of {@code root}, or null. */
    public IndexJob latestJob(Path root) {
        return jobs.latest(root);
    }

    /** The state of the index of {@code root}, or null when it has none (yet). */
    public IndexStatus status(Path root) {
        Codebase c = open.get(root);
        if (c == null && !access.hasIndex(root)) {
            return null;
        }
        c = existing(root);
        if (!c.store().hasCollection(c.collection())) {
            return null;
        }
        try {
            return c.read(c::status);
        } catch (CollectionNotFoundException e) {
            return null;
        }
    }

    /** Removes one file's chunks; returns how many went. */
    public long deleteFile(Path root, String relativePath) {
        Codebase c = idle(root);
        try (IndexLock lock = c.lock("a server's delete", false)) {
            return c.deleteFile(relativePath.replace('\\', '/'));
        }
    }

    /** Drops the whole index of {@code root}. */
    public void deleteAll(Path root) {
        Codebase c = idle(root);
        try (IndexLock lock = c.lock("a server's delete", false)) {
            c.deleteAll();
        }
    }

    /**
     * Deletes the index of a revision's tree and the tree itself: one whose branch has moved on.
     *
     * @throws JobConflictException when a job of that tree is running (try again later)
     */
    public void retireRevision(Path tree) {
        if (access.hasIndex(tree)) {
            deleteAll(tree);
        }
        GitRevision.discardTree(tree);
    }

    /** The indexed codebase at {@code root}, with no job in its way (deleting under a running indexer would race it). */
    private Codebase idle(Path root) {
        IndexJob running = jobs.active(root);
        if (running != null) {
            throw new JobConflictException("index job " + running.id() + " of " + root
                    + " is running; wait for it to finish before deleting", running);
        }
        return indexed(root);
    }

    /** The collections of the store that holds the index of {@code root}. */
    public List<String> collections(Path root) {
        return indexed(root).store().listCollections();
    }

    /**
     * Readiness: the configured store answers, and so does every open codebase's.
     *
     * @return a failure message per check that failed; empty when ready
     */
    public Map<String, String> unreadyChecks() {
        Map<String, String> failures = new TreeMap<>();
        try {
            access.probeStore();
        } catch (RuntimeException e) {
            failures.put("store", String.valueOf(e.getMessage()));
        }
        for (Map.Entry<Path, Codebase> e : new ArrayList<>(open.entrySet())) {
            try {
                e.getValue().store().listCollections();
            } catch (RuntimeException ex) {
                failures.put("store:" + e.getKey(), String.valueOf(ex.getMessage()));
            }
        }
        return failures;
    }

    /** Stops the index jobs, then closes every open index. */
    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            jobs.close();
        } finally {
            chunker.close();
            for (Codebase c : open.values()) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            open.clear();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
