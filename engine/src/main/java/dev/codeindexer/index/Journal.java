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
import java.util.List;

/**
 * An append-only file of JSON lines, each batch forced to disk before {@link #append} returns: how the manifest and
 * the symbol table survive a crash at any point. Reading never writes (a reader in another process ignores a line
 * still being written); the first append cuts an unfinished last line, the trace of a crash mid-append, so that
 * the next line starts on its own. Not thread-safe: its owner synchronises.
 */
final class Journal {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Applies one line's operation to the owner's state. */
    interface Replay {
        void apply(JsonNode op) throws JsonProcessingException;
    }

    private final Path file;
    private final String name;
    private boolean tailChecked;
    private int lines;

    /**
     * @param file where the journal lives
     * @param name what it is, for messages ("the manifest")
     */
    Journal(Path file, String name) {
        this.file = file;
        this.name = name;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** Lines written or read so far: how far the journal has grown past what it describes. */
    int lines() {
        return lines;
    }

    /** Replays every complete line; a torn last line is left for the writer to cut. */
    void replay(Replay replay) {
        if (!Files.exists(file)) {
            return;
        }
        String text;
        try {
            // Bytes, not readString: a torn last line may end inside a character.
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IndexException("cannot read " + name + " " + file + " (" + e.getMessage() + ")", e);
        }
        String[] all = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
        for (int i = 0; i < all.length; i++) {
            if (all[i].isBlank()) {
                continue;
            }
            try {
                replay.apply(JSON.readTree(all[i]));
            } catch (JsonProcessingException | RuntimeException e) {
                throw new IndexException(name + " " + file + " is corrupt at line " + (i + 1)
                        + "; re-index with --full to rebuild it", e);
            }
            lines++;
        }
    }

    /** Appends {@code ops} durably (one fsync). */
    void append(List<ObjectNode> ops) {
        try {
            Files.createDirectories(file.getParent());
            if (!tailChecked) {
                cutTornTail();
                tailChecked = true;
            }
            write(file, ops);
            lines += ops.size();
        } catch (IOException e) {
            throw new IndexException("cannot write " + name + " " + file + " (" + e.getMessage()
                    + "); is the index directory writable?", e);
        }
    }

    /** Replaces the whole journal with {@code ops}, atomically. */
    void rewrite(List<ObjectNode> ops) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            write(tmp, ops);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            lines = ops.size();
            tailChecked = true;
        } catch (IOException e) {
            throw new IndexException("cannot rewrite " + name + " " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** A {@code put} operation: {@code {"op": "put", "file": value}}. */
    static ObjectNode put(Object value) {
        ObjectNode op = JSON.createObjectNode().put("op", "put");
        op.set("file", JSON.valueToTree(value));
        return op;
    }

    /** A {@code remove} operation for one path. */
    static ObjectNode remove(String path) {
        return JSON.createObjectNode().put("op", "remove").put("path", path);
    }

    private void cutTornTail() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
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
