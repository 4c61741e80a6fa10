package dev.codeindexer.chunk;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;

/**
 * What the extractor needs to know about one language's tree-sitter grammar.
 *
 * @param language          the language
 * @param grammar           creates the grammar (loads its native library on first use)
 * @param rules             entity rules by node type
 * @param commentTypes      node types that are comments
 * @param attributeTypes    node types that sit above an entity as siblings and belong to it (Rust {@code #[...]})
 * @param wrapperTypes      node types that wrap a single entity and belong to its chunk ({@code export}, Python
 *                          decorators, C++ {@code template<...>}, C {@code typedef})
 * @param bodyTypes         child node types that count as a body when there is no {@code body} field
 * @param constructorNames  method names that make a constructor ({@code __init__}, {@code constructor})
 * @param docstrings        the doc is the body's leading string (Python), not the comment above
 * @param modulePrefix      qualified names start with the module path derived from the file path (Python)
 * @param symbolRules       node types that define a symbol but never a chunk; a node type that also has an entity
 *                          rule is a symbol of this kind when the rule finds no entity type
 * @param assignments       assignment node types that define a function when their value has one of the given
 *                          types ({@code getTag = function (v) ...}, Python's {@code KD = lambda s, d: ...}), and
 *                          a method when they assign to a prototype ({@code Hash.prototype.clear = hashClear})
 */
record LanguageSpec(
        Language language,
        Supplier<TSLanguage> grammar,
        Map<String, EntityRule> rules,
        Set<String> commentTypes,
        Set<String> attributeTypes,
        Set<String> wrapperTypes,
        Set<String> bodyTypes,
        Set<String> constructorNames,
        boolean docstrings,
        boolean modulePrefix,
        Map<String, SymbolRule> symbolRules,
        Map<String, Set<String>> assignments) {

    /**
     * A node type that defines a symbol and no chunk.
     *
     * @param kind      the symbol's kind
     * @param fixedName its name when the node has no {@code name} field (a TypeScript {@code new (...)} signature),
     *                  else null
     */
    record SymbolRule(SymbolKind kind, String fixedName) {
    }
}
