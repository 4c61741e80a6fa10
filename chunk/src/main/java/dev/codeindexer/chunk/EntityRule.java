package dev.codeindexer.chunk;

import java.util.Map;
import java.util.Set;

/**
 * How one tree-sitter node type becomes an entity. Rules are data: {@link LanguageSpecs} lists them per language and
 * {@link EntityExtractor} applies them the same way for every language.
 *
 * @param nodeType   the node type the rule applies to
 * @param type       the entity type; {@link EntityType#FUNCTION} becomes method or constructor by context; null when
 *                   only {@code kindByChild} decides
 * @param role       whether the node is a chunk of its own and whether its members are looked for
 * @param naming     where the name comes from
 * @param body       what a node without a body is
 * @param kindByChild entity type by the type of a direct child (Kotlin's {@code interface} keyword, Go's
 *                   {@code struct_type}); the first child found wins over {@code type}
 * @param valueTypes when not empty, the node is an entity only if its {@code value} field has one of these types
 *                   ({@code const f = () => ...})
 */
record EntityRule(
        String nodeType,
        EntityType type,
        Role role,
        Naming naming,
        Body body,
        Map<String, EntityType> kindByChild,
        Set<String> valueTypes) {

    enum Role {
        /** A chunk whose members are not looked for (functions: nested functions stay in the body). */
        LEAF,
        /** A chunk (its header) whose members are chunks of their own. */
        CONTAINER,
        /** No chunk; adds its name to the qualified names inside (C++ namespace, Rust mod). */
        SCOPE,
        /** Like {@link #SCOPE}, and functions inside are methods (Rust impl, Ruby {@code class << self}). */
        TYPE_SCOPE
    }

    enum Naming {
        /** The {@code name} field, else {@code property}. */
        NAME_FIELD,
        /** Follow {@code declarator} fields down to the identifier (C, C++); may be qualified ({@code A::f}). */
        DECLARATOR,
        /** The first direct child that is an identifier (Kotlin, whose grammar has no fields). */
        FIRST_IDENTIFIER,
        /** Go: receiver type and name, {@code (*Server).Serve}. */
        GO_RECEIVER,
        /** Rust impl: the implemented type, without generics or path. */
        IMPL_TYPE,
        /** Kotlin companion object: its name, or {@code Companion}. */
        COMPANION,
        /** Kotlin secondary constructor: {@code constructor}. */
        CONSTRUCTOR_KEYWORD,
        /** No name: a scope that only changes whether functions are methods. */
        NONE
    }

    enum Body {
        ANY,
        /** Without a body the node is no entity (C {@code struct point;}). */
        REQUIRED,
        /** Without a body (abstract and interface methods) a chunk only when documented; else it stays in the header. */
        DOCUMENTED_IF_ABSENT
    }

    boolean isChunk() {
        return role == Role.LEAF || role == Role.CONTAINER;
    }
}
