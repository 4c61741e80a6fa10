package dev.codeindexer.chunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the per-language sample files under {@code src/test/resources/samples}. */
final class Samples {

    private Samples() {
    }

    static String read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "type id start-end <parent"}, the form the language tables are written in. */
    static String describe(Chunk chunk) {
        return chunk.entityType() + " " + chunk.entityId() + " " + chunk.startLine() + "-" + chunk.endLine()
                + (chunk.parentId() == null ? "" : " <" + chunk.parentId());
    }

    static Chunk find(List<Chunk> chunks, String entityId) {
        return chunks.stream().filter(c -> c.entityId().equals(entityId)).findFirst()
                .orElseThrow(() -> new AssertionError("no chunk " + entityId + " in "
                        + chunks.stream().map(Samples::describe).toList()));
    }
}
