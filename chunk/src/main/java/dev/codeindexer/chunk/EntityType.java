package dev.codeindexer.chunk;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a {@link Chunk} stands for. The lower-case {@link #id()} is the stored and serialized form, so filters can say
 * {@code entity_type == "method"}.
 */
public enum EntityType {
    FUNCTION("function"),
    METHOD("method"),
    CONSTRUCTOR("constructor"),
    CLASS("class"),
    INTERFACE("interface"),
    ENUM("enum"),
    STRUCT("struct"),
    TRAIT("trait"),
    /** A module with content of its own, such as a Ruby {@code module}. */
    MODULE("module"),
    /** A Markdown section: a heading and the text up to the next heading. */
    SECTION("section"),
    /** What a file holds outside its entities (package, imports, top-level statements), or a whole small text file. */
    FILE("file"),
    /** A line window of a text file too large for one chunk. */
    WINDOW("window");

    private final String id;

    EntityType(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** The entity type whose {@link #id()} is {@code id}. */
    public static EntityType fromId(String id) {
        for (EntityType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown entity type '" + id + "'");
    }

    @Override
    public String toString() {
        return id;
    }
}
