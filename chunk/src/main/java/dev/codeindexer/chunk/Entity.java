package dev.codeindexer.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * An entity found in a syntax tree, before it becomes chunks. Mutable only while {@link EntityExtractor} builds it.
 */
final class Entity {

    final EntityType type;
    final String id;
    final String parentId;
    /** First line of the node itself (wrappers such as {@code export} or decorators included). */
    final int nodeStart;
    final int end;
    /** The line with the entity's name: its signature, shown in the enclosing header and in window headers. */
    final int signatureLine;
    final boolean container;
    /** A body-less declaration that is a chunk only if it turns out to be documented. */
    final boolean needsDoc;
    final List<Entity> children = new ArrayList<>();
    /** First line of the chunk: {@link #nodeStart}, or the first attached comment or attribute above it. */
    int start;
    String doc;
    /**
     * The lines {@link #doc} occupies (the comment above, or the docstring inside the body), 0 when there is none:
     * what a chunk of a long entity may cut short.
     */
    int docFirstLine;
    int docLastLine;

    Entity(EntityType type, String id, String parentId, int nodeStart, int end, int signatureLine,
           boolean container, boolean needsDoc, String doc) {
        this.type = type;
        this.id = id;
        this.parentId = parentId;
        this.nodeStart = nodeStart;
        this.start = nodeStart;
        this.end = end;
        this.signatureLine = signatureLine;
        this.container = container;
        this.needsDoc = needsDoc;
        this.doc = doc;
    }

    @Override
    public String toString() {
        return type + " " + id + " [" + start + "-" + end + "]";
    }
}
