package dev.codeindexer.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindexer.chunk.Symbol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * <p>Loading never writes: a reader in another process (the CLI while {@code index --watch} runs) ignores an
 * unfinished last line, and the writer cuts it off before its first append. Thread-safe: a server answers lookups
 * while an index job records files.
 */
public final class SymbolTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, FileSymbols> files = new TreeMap<>();
    private boolean exists;
    private boolean tailChecked;
    private int journalLines;
    private List<Symbol> all;

    private SymbolTable(Path file) {
        this.file = file;
    }

    /** Loads the table at {@code file}, or an empty one if there is none. */
    public static SymbolTable load(Path file) {
        SymbolTable t = new SymbolTable(file);
        if (!Files.exists(file)) {
            return t;
        }
        t.exists = true;
        String text;
        try {
            // Bytes, not readString: a torn last line may end inside a character.
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IndexException("cannot read the symbol table " + file + " (" + e.getMessage() + ")", e);
        }
        // The text after the last line break is a line still being written, or the trace of a crash mid-append.
        String[] lines = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                t.apply(JSON.readTree(lines[i]));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IndexException("the symbol table " + file + " is corrupt at line " + (i + 1)
                        + "; re-index with --full to rebuild it", e);
            }
            t.journalLines++;
        }
        return t;
    }

    private void apply(JsonNode op) throws JsonProcessingException {
        switch (op.path("op").asText()) {
            case "put" -> {
                FileSymbols f = JSON.treeToValue(op.get("file"), FileSymbols.class);
                files.put(f.path(), f);
            }
            case "remove" -> files.remove(op.get("path").asText());
            case "clear" -> files.clear();
            default -> throw new IllegalArgumentException("unknown symbol table operation " + op);
        }
    }

    /** Whether any run has written this table: an index built before symbols were kept has none. */
    public synchronized boolean exists() {
        return exists;
    }

    /** The content hash the file's symbols were extracted from, or null when the table does not know the file. */
    public synchronized String hash(String path) {
        FileSymbols f = files.get(path);
        return f == null ? null : f.hash();
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
        for (FileSymbols f : put) {
            ObjectNode op = JSON.createObjectNode().put("op", "put");
            op.set("file", JSON.valueToTree(f));
            ops.add(op);
        }
        for (String path : removed) {
            ops.add(JSON.createObjectNode().put("op", "remove").put("path", path));
        }
        append(ops);
        put.forEach(f -> files.put(f.path(), f));
        removed.forEach(files::remove);
        all = null;
    }

    /** Forgets every file (for a full rebuild), durably. */
    public synchronized void clear() {
        if (!exists && files.isEmpty()) {
            return;
        }
        append(List.of(JSON.createObjectNode().put("op", "clear")));
        files.clear();
        all = null;
    }

    /** Rewrites the journal as one line per file when it has grown well past that, atomically. */
    public synchronized void compact() {
        if (journalLines <= 2 * files.size() + 16) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            List<ObjectNode> ops = new ArrayList<>();
            ops.add(JSON.createObjectNode().put("op", "clear"));
            for (FileSymbols f : files.values()) {
                ObjectNode op = JSON.createObjectNode().put("op", "put");
                op.set("file", JSON.valueToTree(f));
                ops.add(op);
            }
            Files.deleteIfExists(tmp);
            write(tmp, ops);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            journalLines = ops.size();
        } catch (IOException e) {
            throw new IndexException("cannot rewrite the symbol table " + file + " (" + e.getMessage() + ")", e);
        }
    }

    private void append(List<ObjectNode> ops) {
        try {
            Files.createDirectories(file.getParent());
            if (!tailChecked) {
                cutTornTail();
                tailChecked = true;
            }
            write(file, ops);
            exists = true;
            journalLines += ops.size();
        } catch (IOException e) {
            throw new IndexException("cannot write the symbol table " + file + " (" + e.getMessage()
                    + "); is the index directory writable?", e);
        }
    }

    /** Cuts an unfinished last line, so that the next append starts on a line of its own. */
    private void cutTornTail() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long keep = ch.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                ch.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < ch.size()) {
                ch.truncate(keep);
                ch.force(true);
            }
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
