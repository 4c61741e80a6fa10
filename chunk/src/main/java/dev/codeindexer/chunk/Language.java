package dev.codeindexer.chunk;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Languages the chunker tells apart. Those with {@link #hasGrammar()} are cut into entities with tree-sitter; the
 * rest are cut into line windows (Markdown into sections). {@link #id()} is the stored and serialized form.
 */
public enum Language {
    JAVA("java", true),
    PYTHON("python", true),
    JAVASCRIPT("javascript", true),
    TYPESCRIPT("typescript", true),
    TSX("tsx", true),
    GO("go", true),
    RUST("rust", true),
    C("c", true),
    CPP("cpp", true),
    CSHARP("csharp", true),
    RUBY("ruby", true),
    PHP("php", true),
    KOTLIN("kotlin", true),
    SCALA("scala", true),
    MARKDOWN("markdown", false),
    YAML("yaml", false),
    JSON("json", false),
    TOML("toml", false),
    XML("xml", false),
    HTML("html", false),
    CSS("css", false),
    SQL("sql", false),
    SHELL("shell", false),
    GROOVY("groovy", false),
    SWIFT("swift", false),
    LUA("lua", false),
    PERL("perl", false),
    R("r", false),
    DART("dart", false),
    DOCKERFILE("dockerfile", false),
    MAKEFILE("makefile", false),
    PROPERTIES("properties", false),
    PROTOBUF("protobuf", false),
    /** Any other text. */
    TEXT("text", false);

    private final String id;
    private final boolean grammar;

    Language(String id, boolean grammar) {
        this.id = id;
        this.grammar = grammar;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Whether entities are extracted with a tree-sitter grammar (otherwise: windows or sections). */
    public boolean hasGrammar() {
        return grammar;
    }

    /** The language whose {@link #id()} is {@code id}, ignoring case. */
    public static Language fromId(String id) {
        for (Language language : values()) {
            if (language.id.equalsIgnoreCase(id)) {
                return language;
            }
        }
        throw new IllegalArgumentException("unknown language '" + id + "'; known: "
                + Arrays.stream(values()).map(Language::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
