package dev.codeindexer.chunk;

import static dev.codeindexer.chunk.EntityExtractor.field;
import static dev.codeindexer.chunk.EntityExtractor.startLine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TSPoint;

/**
 * Collects a file's definitions as {@link Symbol}s while {@link EntityExtractor} walks its tree: the entities it
 * finds, and the definitions that are no entities (declarations only a symbol rule names, JavaScript and Python
 * definitions by assignment, functions made by an immediately called function expression).
 */
final class SymbolCollector {
    private final LanguageSpec spec;
    private final SourceText source;
    private final String path;
    private final List<Symbol> symbols = new ArrayList<>();

    SymbolCollector(LanguageSpec spec, SourceText source, String path) {
        this.spec = spec;
        this.source = source;
        this.path = path;
    }

    /** The definitions in source order. */
    List<Symbol> sorted() {
        List<Symbol> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparingInt(Symbol::line).thenComparingInt(Symbol::startLine));
        return sorted;
    }

    /** A declaration that is a symbol but never a chunk (a Go defined type, a TypeScript type alias). */
    void addDeclaration(LanguageSpec.SymbolRule rule, TSNode node, TSNode top, String qualifier) {
        TSNode nameNode = field(node, "name");
        String name = rule.fixedName() != null ? rule.fixedName() : Names.clean(text(nameNode));
        if (name != null) {
            add(rule.kind(), name, qualifier, top, startLine(nameNode != null ? nameNode : node), null);
        }
    }

    /**
     * {@code var baseCreate = (function() { ...; return function(proto) {...}; }())}: JavaScript's function with
     * private state, and what a reader looks for by that name.
     */
    void addImmediateCall(Set<String> functionTypes, TSNode declarator, TSNode value, TSNode top, String qualifier) {
        if (isImmediateCall(value, functionTypes)) {
            addDeclaration(new LanguageSpec.SymbolRule(SymbolKind.FUNCTION, null), declarator, top, qualifier);
        }
    }

    /**
     * {@code name = function ...} defines a function; {@code Owner.prototype.name = ...} a method of Owner,
     * whatever the value; {@code owner.name = function ...} a method of owner.
     */
    void addAssignment(Set<String> functionValues, TSNode node, String qualifier) {
        TSNode left = field(node, "left");
        TSNode right = field(node, "right");
        if (left == null || right == null) {
            return;
        }
        boolean function = functionValues.contains(right.getType());
        TSNode body = function ? field(right, "body") : null;
        if (left.getType().equals("identifier")) {
            String name = Names.clean(text(left));
            if (function && name != null) {
                add(SymbolKind.FUNCTION, name, qualifier, node, startLine(left), body);
            }
            return;
        }
        TSNode object = field(left, "object");
        TSNode property = field(left, "property");
        if (!left.getType().equals("member_expression") || object == null || property == null
                || !property.getType().equals("property_identifier")) {
            return;
        }
        String owner = text(object);
        boolean prototype = owner.endsWith(".prototype");
        if (prototype) {
            owner = owner.substring(0, owner.length() - ".prototype".length());
        } else if (!function || owner.equals("this")) {
            return;
        }
        String parent = Names.clean(owner);
        String name = Names.clean(text(property));
        if (parent != null && name != null && parent.matches("[\\w$.]+")) {
            add(SymbolKind.METHOD, name, parent, node, startLine(property), body);
        }
    }

    /**
     * Adds a definition.
     *
     * @param top      the declaration with its wrappers: its range is the symbol's
     * @param nameLine the line with the name
     * @param body     the body, where the signature ends; null when there is none
     */
    void add(SymbolKind kind, String name, String qualifier, TSNode top, int nameLine, TSNode body) {
        TSPoint start = top.getStartPoint();
        int first = start.getRow() + 1;
        int last = Math.max(first, EntityExtractor.endLine(start, top.getEndPoint()));
        int line = Math.clamp(nameLine, first, last);
        symbols.add(new Symbol(name, Names.join(qualifier, name), kind, Signatures.of(source, top, body, line, spec),
                qualifier, spec.language(), path, line, first, last));
    }

    /** {@code (function() {...}())} or {@code (function() {...})()}: a function expression called at once. */
    private static boolean isImmediateCall(TSNode value, Set<String> functionTypes) {
        TSNode call = unparenthesize(value);
        if (!call.getType().equals("call_expression")) {
            return false;
        }
        TSNode callee = field(call, "function");
        return callee != null && functionTypes.contains(unparenthesize(callee).getType());
    }

    private static TSNode unparenthesize(TSNode node) {
        TSNode current = node;
        while (current.getType().equals("parenthesized_expression") && current.getNamedChildCount() == 1) {
            current = current.getNamedChild(0);
        }
        return current;
    }

    private String text(TSNode node) {
        return node == null ? null : source.slice(node.getStartByte(), node.getEndByte());
    }
}
