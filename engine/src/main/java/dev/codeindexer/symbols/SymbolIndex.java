package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.search.PathGlob;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.IndexException;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.NotIndexedException;
import dev.codeindexer.index.SymbolTable;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The symbol side of one codebase's index: lookups by name and file outlines, answered from its symbol table. It
 * needs neither the store nor the model, so it answers while the store is down or another process indexes.
 */
public final class SymbolIndex {
    /** The most levels {@link #callers} and {@link #callees} follow. */
    public static final int MAX_DEPTH = 5;

    private final Path root;
    private final SymbolTable table;

    private SymbolIndex(Path root, SymbolTable table) {
        this.root = root;
        this.table = table;
    }

    /**
     * Loads the symbol table of the codebase at {@code location}.
     *
     * @throws IndexException when the codebase has no index, or one built before symbols were kept; the message
     *                        says what to run
     */
    public static SymbolIndex load(IndexLocation location) {
        SymbolTable table = SymbolTable.load(location.symbolsFile());
        IndexLocation now = location.current();
        if (!table.exists() && !now.equals(location)) {
            return load(now); // a rebuild switched generations, removing this one's table, as it was being read
        }
        return of(location, table);
    }

    /**
     * The symbol index over a table already open (a server's, which its index jobs keep current).
     *
     * @throws IndexException as {@link #load}
     */
    public static SymbolIndex of(IndexLocation location, SymbolTable table) {
        if (!table.exists()) {
            String again = "code-indexer index " + location.codebase();
            if (Files.exists(location.manifestFile())) {
                throw new IndexException("the index of " + location.codebase() + " was built before definitions "
                        + "were kept; bring it up to date (only the symbols are extracted, nothing is embedded "
                        + "again) with: " + again);
            }
            throw new NotIndexedException(location.codebase());
        }
        return new SymbolIndex(location.codebase(), table);
    }

    /**
     * Definitions by name: exact matches, then prefix, then fuzzy ones.
     *
     * @throws InvalidInputException when nothing is even near the name
     */
    public SymbolLookup find(SymbolQuery query) {
        return SymbolFinder.find(table.all(), query);
    }

    /** Every definition that passes the query's kind and language filters, by file and line. */
    public List<Symbol> all(SymbolQuery filters) {
        return table.all().stream()
                .filter(s -> filters.kinds().isEmpty() || filters.kinds().contains(s.kind()))
                .filter(s -> filters.languages().isEmpty() || filters.languages().contains(s.language()))
                .toList();
    }

    /**
     * The outline of one indexed file.
     *
     * @param file a path relative to the codebase root, or an absolute one inside it
     * @throws InvalidInputException when the file is not indexed (or outside the codebase), saying how to index it
     */
    public FileOutline outline(String file) {
        String path = relativePath(file);
        List<Symbol> symbols = table.symbols(path);
        if (symbols == null) {
            boolean onDisk = Files.isRegularFile(root.resolve(path));
            throw new InvalidInputException(path + " is not indexed in " + root + (onDisk
                    ? "; it is new since the last run, or ignored, binary or too large. Index the codebase with: "
                    : " (no such file there); give a path relative to the codebase root, or index it with: ")
                    + "code-indexer index " + root);
        }
        return Outline.of(path, symbols);
    }

    /**
     * Who calls {@code name}, grouped by calling definition, followed {@code depth} levels up.
     *
     * @throws InvalidInputException when the index neither defines nor calls the name (listing near names), or
     *                               for a depth outside 1 to {@value #MAX_DEPTH}
     */
    public Callers callers(String name, int depth) {
        return new CallGraph(table.files(), new FileLines(root)).callers(name, depth);
    }

    /**
     * What {@code name}'s definitions call, each callee resolved by name, followed {@code depth} levels down.
     *
     * @throws InvalidInputException when the index has no definition of the name (listing near names), or for a
     *                               depth outside 1 to {@value #MAX_DEPTH}
     */
    public Callees callees(String name, int depth) {
        return new CallGraph(table.files(), new FileLines(root)).callees(name, depth);
    }

    /**
     * Every line of the indexed files (those matching {@code pathGlob}, when given) with {@code name} as a whole
     * word, grouped by the definition holding it; with {@code codeOnly}, only lines where it appears in code.
     *
     * @param chunker parses the files with a match when {@code codeOnly}
     * @param limit   the most lines to return
     */
    public Refs refs(String name, boolean codeOnly, String pathGlob, int limit, Chunker chunker) {
        List<String> files = List.copyOf(table.paths());
        return ReferenceSearch.find(root, pathGlob == null ? files : PathGlob.of(pathGlob).filter(files), table,
                chunker, name, codeOnly, limit);
    }

    /**
     * A map of the repository within {@code tokens}: the most referenced definitions with their signatures, under
     * their files.
     *
     * @throws InvalidInputException for a budget outside {@value RepoMap#MIN_TOKENS} to
     *                               {@value RepoMap#MAX_TOKENS}
     */
    public RepoMap map(int tokens) {
        return MapRanker.map(table.files(), tokens);
    }

    /** {@code file} relative to the root, {@code /}-separated. */
    String relativePath(String file) {
        if (file == null || file.isBlank()) {
            throw new InvalidInputException("a file is required: its path relative to the codebase root");
        }
        Path p;
        try {
            p = Path.of(file.replace('\\', '/'));
        } catch (InvalidPathException e) {
            throw new InvalidInputException("'" + file + "' is not a valid path: " + e.getReason());
        }
        if (p.isAbsolute()) {
            p = p.normalize();
            if (!p.startsWith(root)) {
                throw new InvalidInputException(file + " is outside the codebase " + root
                        + "; give a path inside it, or name the codebase with --path");
            }
            p = root.relativize(p);
        } else {
            p = p.normalize();
            if (p.startsWith("..")) {
                throw new InvalidInputException(file + " is outside the codebase " + root);
            }
        }
        return p.toString().replace('\\', '/');
    }

    public Path root() {
        return root;
    }
}
