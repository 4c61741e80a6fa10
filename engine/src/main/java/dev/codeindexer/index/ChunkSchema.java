package dev.codeindexer.index;

import dev.codeindexer.store.FieldType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The metadata every chunk row carries, in every store. */
public final class ChunkSchema {
    public static final String FILE_PATH = "file_path";
    public static final String LANGUAGE = "language";
    public static final String ENTITY_TYPE = "entity_type";
    public static final String ENTITY_ID = "entity_id";
    public static final String PARENT_ID = "parent_id";
    public static final String START_LINE = "start_line";
    public static final String END_LINE = "end_line";
    /** The whole entity's range, of which this chunk may be one window: what a hit shows. */
    public static final String ENTITY_START_LINE = "entity_start_line";
    public static final String ENTITY_END_LINE = "entity_end_line";
    public static final String CHUNK_ID = "chunk_id";
    public static final String INDEXED_AT = "indexed_at";
    public static final String CONTENT = "content";
    /** Path, entity id and parent: full-text indexed so lexical search also matches names and folders. */
    public static final String HEADER = "header";
    /**
     * False while the row holds a stand-in vector: stored by the lexical pass of an index run, found lexically, and
     * kept out of dense ranking until the embedding pass replaces it. Absent in collections created before
     * lexical-first indexing, which are indexed in one pass.
     */
    public static final String EMBEDDED = "embedded";

    /**
     * Bumped whenever the fields, their meaning or their analysis change; part of the index fingerprint. 3: text
     * fields are tokenised by {@code CodeTokens} in every store (the embedded store used Lucene's word delimiter).
     */
    public static final int VERSION = 3;

    public static final Map<String, FieldType> FIELDS = fields();

    private ChunkSchema() {
    }

    private static Map<String, FieldType> fields() {
        Map<String, FieldType> f = new LinkedHashMap<>();
        f.put(FILE_PATH, FieldType.STRING);
        f.put(LANGUAGE, FieldType.STRING);
        f.put(ENTITY_TYPE, FieldType.STRING);
        f.put(ENTITY_ID, FieldType.STRING);
        f.put(PARENT_ID, FieldType.STRING);
        f.put(START_LINE, FieldType.INT);
        f.put(END_LINE, FieldType.INT);
        f.put(ENTITY_START_LINE, FieldType.INT);
        f.put(ENTITY_END_LINE, FieldType.INT);
        f.put(CHUNK_ID, FieldType.STRING);
        f.put(INDEXED_AT, FieldType.INT);
        f.put(CONTENT, FieldType.TEXT);
        f.put(HEADER, FieldType.TEXT);
        f.put(EMBEDDED, FieldType.BOOL);
        return java.util.Collections.unmodifiableMap(f);
    }
}
