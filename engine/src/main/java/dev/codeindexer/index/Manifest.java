package dev.codeindexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;


/**
 * The incremental state of one collection: which files are indexed, with which content hash and chunk ids.
 *
 * <p>It is an append-only journal of JSON lines, each forced to disk before {@link #record} returns. The indexer
 * records a file only after the store has durably accepted all of its chunks, so after a crash the manifest never
 * claims more than the store holds; a file the store holds but the manifest does not is simply indexed again (its
 * old rows are deleted by path first). A torn last line, the trace of a crash mid-append, is ignored on load.
 * {@link #compact()} rewrites the journal as one line per file through an atomic rename.
 *
 * <p>Thread-safe: a server searches with a path glob (which lists the files) while an index job records them.
 */
public final class Manifest {
    private final Journal journal;
    private final Map<String, FileEntry> files = new TreeMap<>();
    /**
     * Files whose rows may be in the store though no entry records them yet: marked before their first store write,
     * cleared when they are recorded or removed. A run that finds one gone deletes its rows.
     */
    private final Set<String> pending = new TreeSet<>();
    private long lastIndexed;

    private Manifest(Path file) {
        this.journal = new Journal(file, "the manifest");
    }

    /** Loads the manifest at {@code file}, or an empty one if there is none. */
    public static Manifest load(Path file) {
        Manifest m = new Manifest(file);
        m.journal.replay(m::apply);
        return m;
    }

    private void apply(JsonNode op) throws com.fasterxml.jackson.core.JsonProcessingException {
        switch (op.path("op").asText()) {
            case "put" -> {
                FileEntry e = Journal.JSON.treeToValue(op.get("file"), FileEntry.class);
                files.put(e.path(), e);
                pending.remove(e.path());
            }
            case "remove" -> {
                files.remove(op.get("path").asText());
                pending.remove(op.get("path").asText());
            }
            case "pending" -> op.get("paths").forEach(p -> pending.add(p.asText()));
            case "meta" -> lastIndexed = op.path("last_indexed").asLong();
            case "clear" -> {
                files.clear();
                pending.clear();
            }
            default -> throw new IllegalArgumentException("unknown manifest operation " + op);
        }
    }

    public synchronized FileEntry get(String path) {
        return files.get(path);
    }

    public synchronized Collection<FileEntry> files() {
        return List.copyOf(files.values());
    }

    public synchronized int size() {
        return files.size();
    }

    public synchronized long lastIndexed() {
        return lastIndexed;
    }

    /** Files marked {@link #markPending} and neither recorded nor removed since. */
    public synchronized Set<String> pending() {
        return Set.copyOf(pending);
    }

    /**
     * Durably notes that rows of these files, which the manifest does not record yet, are about to be written to
     * the store: if a crash comes before they are recorded and the files are gone by the next run, that run still
     * knows to delete their rows.
     */
    public synchronized void markPending(List<String> paths) {
        List<String> fresh = paths.stream().filter(p -> !files.containsKey(p) && !pending.contains(p)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        ObjectNode op = Journal.JSON.createObjectNode().put("op", "pending");
        fresh.forEach(op.putArray("paths")::add);
        journal.append(List.of(op));
        pending.addAll(fresh);
    }

    /** Records indexed and removed files durably (one fsync), then applies them in memory. */
    public synchronized void record(List<FileEntry> indexed, List<String> removed) {
        if (indexed.isEmpty() && removed.isEmpty()) {
            return;
        }
        List<ObjectNode> ops = new ArrayList<>();
        indexed.forEach(e -> ops.add(Journal.put(e)));
        removed.forEach(path -> ops.add(Journal.remove(path)));
        journal.append(ops);
        indexed.forEach(e -> files.put(e.path(), e));
        removed.forEach(files::remove);
        indexed.forEach(e -> pending.remove(e.path()));
        removed.forEach(pending::remove);
    }

    /** Marks the end of a successful run. */
    public synchronized void finishRun(long when) {
        journal.append(List.of(Journal.JSON.createObjectNode().put("op", "meta").put("last_indexed", when)));
        lastIndexed = when;
    }

    /** Forgets every file (for a full rebuild), durably. */
    public synchronized void clear() {
        journal.append(List.of(Journal.JSON.createObjectNode().put("op", "clear")));
        files.clear();
        pending.clear();
    }

    /** Rewrites the journal as one line per file when it has grown well past that, atomically. */
    public synchronized void compact() {
        if (journal.lines() <= 2 * files.size() + 16) {
            return;
        }
        List<ObjectNode> ops = new ArrayList<>();
        files.values().forEach(e -> ops.add(Journal.put(e)));
        if (!pending.isEmpty()) {
            ObjectNode op = Journal.JSON.createObjectNode().put("op", "pending");
            pending.forEach(op.putArray("paths")::add);
            ops.add(op);
        }
        ops.add(Journal.JSON.createObjectNode().put("op", "meta").put("last_indexed", lastIndexed));
        journal.rewrite(ops);
    }
}
