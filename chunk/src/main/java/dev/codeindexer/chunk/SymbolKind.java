package dev.codeindexer.chunk;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What a {@link Symbol} defines. Close to {@link EntityType}, without the chunk-only types (file, section, window)
 * and with {@link #TYPE} for definitions that are no chunk of their own (a Go {@code type Celsius float64}, a
 * TypeScript {@code type Id = string}). {@link #id()} is the stored and serialized form.
 */
public enum SymbolKind {
    FUNCTION("function"),
    METHOD("method"),
    CONSTRUCTOR("constructor"),
    CLASS("class"),
    INTERFACE("interface"),
    ENUM("enum"),
    STRUCT("struct"),
    TRAIT("trait"),
    MODULE("module"),
    /** A named type that is none of the above: an alias or a defined type. */
    TYPE("type");

    private final String id;

    SymbolKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Whether it can be called: a function, method or constructor; the other kinds are types and modules. */
    public boolean callable() {
        return this == FUNCTION || this == METHOD || this == CONSTRUCTOR;
    }

    /** The kind of a code entity; null for the chunk-only types. */
    static SymbolKind of(EntityType type) {
        return switch (type) {
            case FUNCTION -> FUNCTION;
            case METHOD -> METHOD;
            case CONSTRUCTOR -> CONSTRUCTOR;
            case CLASS -> CLASS;
            case INTERFACE -> INTERFACE;
            case ENUM -> ENUM;
            case STRUCT -> STRUCT;
            case TRAIT -> TRAIT;
            case MODULE -> MODULE;
            case SECTION, FILE, WINDOW -> null;
        };
    }

    /**
     * The kind whose {@link #id()} is {@code id}, ignoring case.
     *
     * @throws IllegalArgumentException naming the known kinds
     */
    public static SymbolKind fromId(String id) {
        for (SymbolKind kind : values()) {
            if (kind.id.equalsIgnoreCase(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown symbol kind '" + id + "'; known: "
                + Arrays.stream(values()).map(SymbolKind::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
