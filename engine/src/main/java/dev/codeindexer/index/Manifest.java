package dev.codeindexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
    /**
     * The ids about to be written for a file, marked with it, until the file is recorded or removed: rows of a store
     * shared with other worktrees ({@link Worktrees}) are deleted by id, never by path, so a run cut short must know
     * which rows it may have left.
     */
    private final Map<String, List<String>> pendingIds = new TreeMap<>();
    private long lastIndexed;
    /** Pending marks in the journal since it was last rewritten: dead weight once their files are recorded. */
    private int pendingOps;

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
                pendingIds.remove(e.path());
            }
            case "remove" -> {
                files.remove(op.get("path").asText());
                pending.remove(op.get("path").asText());
                pendingIds.remove(op.get("path").asText());
            }
            case "pending" -> {
                pendingOps++;
                op.path("paths").forEach(p -> pending.add(p.asText()));
                op.path("ids").properties().forEach(e -> {
                    List<String> ids = new ArrayList<>();
                    e.getValue().forEach(id -> ids.add(id.asText()));
                    pendingIds.put(e.getKey(), List.copyOf(ids));
                });
            }
            case "meta" -> lastIndexed = op.path("last_indexed").asLong();
            case "clear" -> {
                files.clear();
                pending.clear();
                pendingIds.clear();
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
     * The ids of every row this manifest accounts for: recorded, or marked as about to be written
     * ({@link #markPending}).
     */
    public synchronized Set<String> ids() {
        Set<String> ids = new HashSet<>();
        files.values().forEach(f -> ids.addAll(f.chunkIds()));
        pendingIds.values().forEach(ids::addAll);
        return ids;
    }

    /** The ids marked as about to be written for {@code path} and not recorded since. */
    public synchronized List<String> pendingIds(String path) {
        return pendingIds.getOrDefault(path, List.of());
    }

    /** The ids of the rows this manifest accounts for of {@code path}: recorded, or marked as about to be written. */
    public synchronized List<String> ids(String path) {
        Set<String> ids = new LinkedHashSet<>(pendingIds(path));
        FileEntry recorded = files.get(path);
        if (recorded != null) {
            ids.addAll(recorded.chunkIds());
        }
        return List.copyOf(ids);
    }

    /**
     * Durably notes that rows of these files, with these ids, are about to be written to the store: if a crash
     * comes before they are recorded and the files are gone (or changed again) by the next run, that run still
     * knows which rows to delete.
     */
    public synchronized void markPending(List<FileEntry> entries) {
        List<String> fresh = new ArrayList<>();
        Map<String, List<String>> freshIds = new TreeMap<>();
        for (FileEntry e : entries) {
            if (!files.containsKey(e.path()) && !pending.contains(e.path()) && !fresh.contains(e.path())) {
                fresh.add(e.path());
            }
            FileEntry recorded = files.get(e.path());
            if (!e.chunkIds().equals(pendingIds.get(e.path()))
                    && (recorded == null || !recorded.chunkIds().equals(e.chunkIds()))) {
                freshIds.put(e.path(), e.chunkIds());
            }
        }
        if (fresh.isEmpty() && freshIds.isEmpty()) {
            return;
        }
        journal.append(List.of(pendingOp(fresh, freshIds)));
        pendingOps++;
        pending.addAll(fresh);
        pendingIds.putAll(freshIds);
    }

    private static ObjectNode pendingOp(Collection<String> paths, Map<String, List<String>> ids) {
        ObjectNode op = Journal.JSON.createObjectNode().put("op", "pending");
        paths.forEach(op.putArray("paths")::add);
        ObjectNode byPath = op.putObject("ids");
        ids.forEach((path, list) -> list.forEach(byPath.putArray(path)::add));
        return op;
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
        indexed.forEach(e -> pendingIds.remove(e.path()));
        removed.forEach(pendingIds::remove);
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
        pendingIds.clear();
    }

    /**
     * Rewrites the journal as one line per file, atomically, when it has grown well past that or holds pending marks
     * (which name every id a run wrote) whose files are all recorded now.
     */
    public synchronized void compact() {
        boolean settled = pendingOps > 0 && pending.isEmpty() && pendingIds.isEmpty();
        if (journal.lines() <= 2 * files.size() + 16 && !settled) {
            return;
        }
        pendingOps = pending.isEmpty() && pendingIds.isEmpty() ? 0 : 1;
        List<ObjectNode> ops = new ArrayList<>();
        files.values().forEach(e -> ops.add(Journal.put(e)));
        if (!pending.isEmpty() || !pendingIds.isEmpty()) {
            ops.add(pendingOp(pending, pendingIds));
        }
        ops.add(Journal.JSON.createObjectNode().put("op", "meta").put("last_indexed", lastIndexed));
        journal.rewrite(ops);
    }
}
