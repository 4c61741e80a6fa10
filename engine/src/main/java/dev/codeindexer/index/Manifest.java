package dev.codeindexer.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


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
            }
            case "remove" -> files.remove(op.get("path").asText());
            case "meta" -> lastIndexed = op.path("last_indexed").asLong();
            case "clear" -> files.clear();
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
    }

    /** Rewrites the journal as one line per file when it has grown well past that, atomically. */
    public synchronized void compact() {
        if (journal.lines() <= 2 * files.size() + 16) {
            return;
        }
        List<ObjectNode> ops = new ArrayList<>();
        files.values().forEach(e -> ops.add(Journal.put(e)));
        ops.add(Journal.JSON.createObjectNode().put("op", "meta").put("last_indexed", lastIndexed));
        journal.rewrite(ops);
    }
}
