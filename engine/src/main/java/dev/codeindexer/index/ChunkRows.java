package dev.codeindexer.index;

import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.EntityType;
import dev.codeindexer.chunk.Language;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.StoredRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns chunks into what the store and the model receive: row ids, metadata and the text to embed. */
final class ChunkRows {
    private ChunkRows() {
    }

    /**
     * The row ids of a file's chunks: their chunk ids, made unique within the file should two chunks ever hash
     * alike (an entity repeated verbatim), because a batch may not repeat an id.
     */
    static List<String> ids(List<Chunk> chunks) {
        Set<String> used = new HashSet<>();
        List<String> ids = new ArrayList<>(chunks.size());
        for (Chunk c : chunks) {
            String id = c.chunkId();
            for (int n = 2; !used.add(id); n++) {
                id = c.chunkId() + "-" + n;
            }
            ids.add(id);
        }
        return ids;
    }

    /**
     * The row's metadata.
     *
     * @param embedded whether the row's vector is the model's ({@code null}: the collection has no such field)
     */
    static Map<String, Object> metadata(Chunk c, String id, long indexedAt, Boolean embedded) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ChunkSchema.FILE_PATH, c.filePath());
        m.put(ChunkSchema.LANGUAGE, c.language().id());
        m.put(ChunkSchema.ENTITY_TYPE, c.entityType().id());
        m.put(ChunkSchema.ENTITY_ID, fit(c.entityId(), FieldType.MAX_STRING_BYTES));
        m.put(ChunkSchema.PARENT_ID, c.parentId() == null ? "" : fit(c.parentId(), FieldType.MAX_STRING_BYTES));
        m.put(ChunkSchema.START_LINE, (long) c.startLine());
        m.put(ChunkSchema.END_LINE, (long) c.endLine());
        m.put(ChunkSchema.ENTITY_START_LINE, (long) c.entityStartLine());
        m.put(ChunkSchema.ENTITY_END_LINE, (long) c.entityEndLine());
        m.put(ChunkSchema.CHUNK_ID, id);
        m.put(ChunkSchema.INDEXED_AT, indexedAt);
        m.put(ChunkSchema.CONTENT, fit(c.content(), FieldType.MAX_TEXT_BYTES));
        m.put(ChunkSchema.HEADER, fit(c.filePath() + " " + c.entityId()
                + (c.parentId() == null ? "" : " " + c.parentId()), FieldType.MAX_TEXT_BYTES));
        if (embedded != null) {
            m.put(ChunkSchema.EMBEDDED, embedded);
        }
        return m;
    }

    /**
     * The chunk a row was written from, as far as the row holds it (the doc is not stored, and is not needed): what
     * the embedding pass embeds and writes again, without reading and parsing the file a second time.
     */
    static Chunk chunk(StoredRow row) {
        Map<String, Object> m = row.metadata();
        String parent = (String) m.get(ChunkSchema.PARENT_ID);
        return new Chunk((String) m.get(ChunkSchema.FILE_PATH), Language.fromId((String) m.get(ChunkSchema.LANGUAGE)),
                EntityType.fromId((String) m.get(ChunkSchema.ENTITY_TYPE)), (String) m.get(ChunkSchema.ENTITY_ID),
                parent == null || parent.isEmpty() ? null : parent, line(m, ChunkSchema.START_LINE),
                line(m, ChunkSchema.END_LINE), line(m, ChunkSchema.ENTITY_START_LINE),
                line(m, ChunkSchema.ENTITY_END_LINE), (String) m.get(ChunkSchema.CONTENT), "", row.id());
    }

    private static int line(Map<String, Object> m, String field) {
        return ((Number) m.get(field)).intValue();
    }

    /**
     * The text the model embeds: where the chunk is and what it is called, then its code. The path and name carry
     * meaning ("RetryPolicy", "upload/") that a body alone may not.
     */
    static String embeddingText(Chunk c) {
        String where = c.entityId().equals(c.filePath()) ? c.filePath() : c.filePath() + " " + c.entityId();
        return where + "\n" + c.content();
    }

    /**
     * The vector a row holds until its chunk is embedded: a unit vector drawn from the row id, so that stand-ins
     * spread like real vectors in a vector index (identical ones would pile up in one spot of an HNSW graph). Dense
     * ranking never sees them: searches filter on {@link ChunkSchema#EMBEDDED}.
     */
    static float[] standIn(String id, int dimension) {
        java.util.Random random = new java.util.Random(id.hashCode() * 0x9E3779B97F4A7C15L);
        float[] v = new float[dimension];
        double norm = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= scale;
        }
        return v;
    }

    /** {@code s} cut to at most {@code maxBytes} UTF-8 bytes on a character boundary; the model saw it whole. */
    static String fit(String s, int maxBytes) {
        if ((long) s.length() * 3 <= maxBytes) {
            return s;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    static Map<String, Long> countByLanguage(Iterable<FileEntry> files) {
        Map<String, Long> out = new HashMap<>();
        files.forEach(f -> out.merge(f.language(), 1L, Long::sum));
        return out;
    }
}
