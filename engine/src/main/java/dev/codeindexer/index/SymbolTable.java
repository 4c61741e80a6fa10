package dev.codeindexer.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindexer.chunk.Reference;
import dev.codeindexer.chunk.Symbol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;


/**
 * Every definition of one codebase's indexed files, by file: what {@code symbols} and {@code outline} answer from.
 * It lives beside the manifest in the index directory, on local disk whatever the store.
 *
 * <p>Like the manifest it is an append-only journal of JSON lines, each forced to disk before {@link #record}
 * returns, and the indexer writes a file's symbols before the manifest records the file. Each entry carries the
 * content hash it was extracted from, and the indexer treats a file whose entry is missing or has another hash
 * than the manifest's as changed, and drops entries of files it no longer sees. So whatever a crash cut short (a
 * torn last line, symbols written but the manifest not, a removal half done), the next run makes the table exact.
 *
 * <p>A git worktree whose rows are in another's store ({@link Worktrees}) records here only the files no other
 * worktree has as they are here; the others' entries for the same content are {@link #inherit inherited} when the
 * table is loaded, in memory. A worktree that replaces or drops an entry another inherits hands it over first
 * ({@link Worktrees#handOver}), so no file's symbols are lost with the worktree that had them.
 *
 * <p>Loading never writes: a reader in another process (the CLI while {@code index --watch} runs) ignores an
 * unfinished last line, and the writer cuts it off before its first append. Thread-safe: a server answers lookups
 * while an index job records files.
 */
public final class SymbolTable {
    private final Journal journal;
    /** The entries this table's journal records. */
    private final Map<String, FileSymbols> own = new TreeMap<>();
    /** Entries of other worktrees' tables for files this codebase has with the same content; never written. */
    private final Map<String, FileSymbols> inherited = new TreeMap<>();
    /** Both, own first: what lookups read. */
    private final Map<String, FileSymbols> files = new TreeMap<>();
    private boolean exists;
    private List<Symbol> all;

    private SymbolTable(Path file) {
        this.journal = new Journal(file, "the symbol table");
    }

    /** Loads the table at {@code file}, or an empty one if there is none. */
    public static SymbolTable load(Path file) {
        SymbolTable t = new SymbolTable(file);
        t.exists = t.journal.exists();
        t.journal.replay(t::apply);
        return t;
    }

    private void apply(JsonNode op) throws JsonProcessingException {
        switch (op.path("op").asText()) {
            case "put" -> {
                FileSymbols f = Journal.JSON.treeToValue(op.get("file"), FileSymbols.class);
                own.put(f.path(), f);
                files.put(f.path(), f);
            }
            case "remove" -> {
                own.remove(op.get("path").asText());
                files.remove(op.get("path").asText());
            }
            case "clear" -> {
                own.clear();
                files.clear();
            }
            default -> throw new IllegalArgumentException("unknown symbol table operation " + op);
        }
    }

    /** Whether any run has written this table: an index built before symbols were kept has none. */
    public synchronized boolean exists() {
        return exists || !inherited.isEmpty();
    }

    /**
     * Takes another worktree's entry for a file this codebase has with the same content, in memory only, unless this
     * table records the file itself.
     */
    public synchronized void inherit(FileSymbols f) {
        if (!own.containsKey(f.path())) {
            inherited.put(f.path(), f);
            files.put(f.path(), f);
            all = null;
        }
    }

    /** The entry this table's own journal records for {@code path} (not an inherited one), or null. */
    synchronized FileSymbols own(String path) {
        return own.get(path);
    }

    /**
     * The content hash the file's symbols were extracted from, or null when the table does not know the file or
     * knows it in an older format (so that the indexer extracts it again).
     */
    public synchronized String hash(String path) {
        FileSymbols f = files.get(path);
        return f == null || !f.current() ? null : f.hash();
    }

    /** The file's calls and type references in source order, or null when the table does not know the file. */
    public synchronized List<Reference> references(String path) {
        FileSymbols f = files.get(path);
        return f == null ? null : f.references();
    }

    /** The file's entry, or null when the table does not know the file. */
    public synchronized FileSymbols file(String path) {
        return files.get(path);
    }

    /** Every file's entry, by path. */
    public synchronized List<FileSymbols> files() {
        return List.copyOf(files.values());
    }

    /** The file's symbols in source order, or null when the table does not know the file. */
    public synchronized List<Symbol> symbols(String path) {
        FileSymbols f = files.get(path);
        return f == null ? null : f.symbols();
    }

    public synchronized Set<String> paths() {
        return new TreeSet<>(files.keySet());
    }

    /** Every symbol, by file path and then source order. */
    public synchronized List<Symbol> all() {
        if (all == null) {
            List<Symbol> list = new ArrayList<>();
            files.values().forEach(f -> list.addAll(f.symbols()));
            all = List.copyOf(list);
        }
        return all;
    }

    /** Records files' symbols (replacing what the table held for them) and removals durably, with one fsync. */
    public synchronized void record(List<FileSymbols> put, List<String> removed) {
        if (put.isEmpty() && removed.isEmpty()) {
            return;
        }
        List<ObjectNode> ops = new ArrayList<>();
        put.forEach(f -> ops.add(Journal.put(f)));
        removed.forEach(path -> ops.add(Journal.remove(path)));
        journal.append(ops);
        exists = true;
        put.forEach(f -> {
            own.put(f.path(), f);
            inherited.remove(f.path());
            files.put(f.path(), f);
        });
        removed.forEach(path -> {
            own.remove(path);
            inherited.remove(path);
            files.remove(path);
        });
        all = null;
    }

    /** Forgets every file (for a full rebuild), durably. */
    public synchronized void clear() {
        if (!exists && own.isEmpty() && inherited.isEmpty()) {
            return;
        }
        journal.append(List.of(Journal.JSON.createObjectNode().put("op", "clear")));
        exists = true;
        own.clear();
        inherited.clear();
        files.clear();
        all = null;
    }

    /** Rewrites the journal as one line per file when it has grown well past that, atomically. */
    public synchronized void compact() {
        if (journal.lines() <= 2 * own.size() + 16) {
            return;
        }
        List<ObjectNode> ops = new ArrayList<>();
        ops.add(Journal.JSON.createObjectNode().put("op", "clear"));
        own.values().forEach(f -> ops.add(Journal.put(f)));
        journal.rewrite(ops);
    }
}
