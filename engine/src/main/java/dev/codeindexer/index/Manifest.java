package dev.codeindexer.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, FileEntry> files = new TreeMap<>();
    private long lastIndexed;
    private int journalLines;

    private Manifest(Path file) {
        this.file = file;
    }

    /** Loads the manifest at {@code file}, or an empty one if there is none. */
    public static Manifest load(Path file) {
        Manifest m = new Manifest(file);
        if (!Files.exists(file)) {
            return m;
        }
        List<String> lines;
        try {
            truncateTornTail(file);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IndexException("cannot read the manifest " + file + " (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                m.apply(JSON.readTree(line));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IndexException("the manifest " + file + " is corrupt at line " + (i + 1)
                        + "; re-index with --full to rebuild it", e);
            }
            m.journalLines++;
        }
        return m;
    }

    /**
     * Cuts an unfinished last line, the trace of a crash mid-append, so that the next append starts on a line of
     * its own. The file it described is simply indexed again.
     */
    private static void truncateTornTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                ch.truncate(keep);
                ch.force(true);
            }
        }
    }

    private void apply(JsonNode op) throws JsonProcessingException {
        switch (op.path("op").asText()) {
            case "put" -> {
                FileEntry e = JSON.treeToValue(op.get("file"), FileEntry.class);
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
        for (FileEntry e : indexed) {
            ObjectNode op = JSON.createObjectNode().put("op", "put");
            op.set("file", JSON.valueToTree(e));
            ops.add(op);
        }
        for (String path : removed) {
            ops.add(JSON.createObjectNode().put("op", "remove").put("path", path));
        }
        append(ops);
        indexed.forEach(e -> files.put(e.path(), e));
        removed.forEach(files::remove);
    }

    /** Marks the end of a successful run. */
    public synchronized void finishRun(long when) {
        append(List.of(JSON.createObjectNode().put("op", "meta").put("last_indexed", when)));
        lastIndexed = when;
    }

    /** Forgets every file (for a full rebuild), durably. */
    public synchronized void clear() {
        append(List.of(JSON.createObjectNode().put("op", "clear")));
        files.clear();
    }

    /** Rewrites the journal as one line per file when it has grown well past that, atomically. */
    public synchronized void compact() {
        if (journalLines <= 2 * files.size() + 16) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            List<ObjectNode> ops = new ArrayList<>();
            for (FileEntry e : files.values()) {
                ObjectNode op = JSON.createObjectNode().put("op", "put");
                op.set("file", JSON.valueToTree(e));
                ops.add(op);
            }
            ops.add(JSON.createObjectNode().put("op", "meta").put("last_indexed", lastIndexed));
            Files.deleteIfExists(tmp);
            write(tmp, ops);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            journalLines = ops.size();
        } catch (IOException e) {
            throw new IndexException("cannot rewrite the manifest " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private void append(List<ObjectNode> ops) {
        try {
            Files.createDirectories(file.getParent());
            write(file, ops);
            journalLines += ops.size();
        } catch (IOException e) {
            throw new IndexException("cannot write the manifest " + file + " (" + e.getMessage()
                    + "); is the index directory writable?", e);
        }
    }

    private static void write(Path target, List<ObjectNode> ops) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ObjectNode op : ops) {
            text.append(JSON.writeValueAsString(op)).append('\n');
        }
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
