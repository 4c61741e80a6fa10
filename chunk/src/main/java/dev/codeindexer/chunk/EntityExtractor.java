package dev.codeindexer.chunk;

import dev.codeindexer.chunk.EntityRule.Body;
import dev.codeindexer.chunk.EntityRule.Naming;
import dev.codeindexer.chunk.EntityRule.Role;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.treesitter.TSNode;
import org.treesitter.TSPoint;

/**
 * Finds the entities of one parsed file by applying its {@link LanguageSpec}: a walk over the tree that goes into
 * every node except the bodies of leaf entities, then a pass that attaches the comments and attributes directly
 * above each entity. Iterative, so deeply nested source cannot overflow the stack. Not thread-safe: one per file.
 */
final class EntityExtractor {

    /**
     * Where the walk is: the qualified name so far, whether that is inside a type, who owns new entities, and
     * whether it is inside the body of a leaf entity, where definitions are symbols but no chunks of their own.
     */
    private record Scope(String qualifier, boolean inType, String typeName, Entity owner, boolean inBody) {
        Scope(String qualifier, boolean inType, String typeName, Entity owner) {
            this(qualifier, inType, typeName, owner, false);
        }
    }

    private record Frame(TSNode node, Scope scope) {
    }

    /**
     * Opaque node types that do hold definitions, looked into for symbols only, so that chunks stay as they were:
     * the elements of a Java annotation type ({@code boolean serializable() default false;}).
     */
    private static final Set<String> SYMBOL_ONLY_BODIES = Set.of("annotation_type_body");

    /** Kotlin's grammar hangs the comments after the package line and the imports on these nodes. */
    private static final Set<String> KOTLIN_COMMENT_HOLDERS = Set.of("package_header", "import_list", "import_header");

    private final LanguageSpec spec;
    private final SourceText source;
    private final String modulePrefix;
    private final List<Entity> roots = new ArrayList<>();
    private final List<Entity> all = new ArrayList<>();
    private final DocAttacher docs;
    /** Null when only chunks are wanted: then the walk stays out of leaf bodies, as it always has. */
    private final SymbolCollector symbols;

    /**
     * @param withSymbols also collect every definition as a {@link Symbol}, walking into function bodies for the
     *                    nested ones; the entities (and so the chunks) are the same either way
     */
    EntityExtractor(LanguageSpec spec, SourceText source, String relPath, boolean withSymbols) {
        this.spec = spec;
        this.source = source;
        this.modulePrefix = spec.modulePrefix() ? Names.pythonModule(relPath) : null;
        this.docs = new DocAttacher(source, !spec.docstrings());
        this.symbols = withSymbols ? new SymbolCollector(spec, source, relPath) : null;
    }

    /** The definitions found by {@link #extract}, in source order; empty unless asked for. */
    List<Symbol> symbols() {
        return symbols == null ? List.of() : symbols.sorted();
    }

    /** The top-level entities, each with its members. */
    List<Entity> extract(TSNode root) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, new Scope(modulePrefix, false, null, null)));
        while (!stack.isEmpty()) {
            Frame frame = stack.pop();
            visit(frame.node(), frame.scope(), stack);
        }
        docs.attach(all);
        return prune(roots);
    }

    private void visit(TSNode node, Scope scope, Deque<Frame> stack) {
        String type = node.getType();
        if (spec.commentTypes().contains(type) || spec.attributeTypes().contains(type)) {
            if (!scope.inBody()) {
                docs.record(node, spec.attributeTypes().contains(type));
            }
            return;
        }
        EntityRule rule = spec.rules().get(type);
        if (rule == null && symbols != null) {
            if (spec.symbolRules().containsKey(type)) {
                symbols.addDeclaration(spec.symbolRules().get(type), node, climbWrappers(node), scope.qualifier());
            } else if (spec.assignments().containsKey(type)) {
                symbols.addAssignment(spec.assignments().get(type), node, scope.qualifier());
            }
        }
        Scope current = scope;
        if (rule == null && isOpaque(type)) {
            if (symbols == null || !SYMBOL_ONLY_BODIES.contains(type)) {
                return;
            }
            current = new Scope(scope.qualifier(), scope.inType(), scope.typeName(), null, true);
        }
        Scope inner = rule == null ? current : apply(rule, node, current);
        if (inner == null) {
            return;
        }
        // Anonymous children are punctuation and keywords: never entities, and each JNI call costs.
        for (int i = node.getNamedChildCount() - 1; i >= 0; i--) {
            stack.push(new Frame(node.getNamedChild(i), inner));
        }
    }

    /**
     * Applies a rule: returns the scope for the node's children, or null when they are not to be visited (the body
     * of a leaf entity). A node the rule turns down is walked like any other node.
     */
    private Scope apply(EntityRule rule, TSNode node, Scope scope) {
        if (!rule.valueTypes().isEmpty()) {
            TSNode value = field(node, "value");
            if (value == null || !rule.valueTypes().contains(value.getType())) {
                if (symbols != null && value != null) {
                    symbols.addImmediateCall(rule.valueTypes(), node, value, climbWrappers(node), scope.qualifier());
                }
                return scope;
            }
        }
        boolean hasBody = hasBody(node);
        if (rule.body() == Body.REQUIRED && !hasBody) {
            return scope;
        }
        if (!rule.isChunk()) {
            String name = simpleName(rule.naming(), nameNode(rule.naming(), node), node);
            String qualifier = name == null ? scope.qualifier() : Names.join(scope.qualifier(), name);
            boolean inType = rule.role() == Role.TYPE_SCOPE;
            return new Scope(qualifier, inType, inType ? Names.last(name) : null, scope.owner(), scope.inBody());
        }
        EntityType kind = kind(rule, node);
        if (kind == null && symbols != null && spec.symbolRules().containsKey(node.getType())) {
            symbols.addDeclaration(spec.symbolRules().get(node.getType()), node, climbWrappers(node),
                    scope.qualifier());
            return scope;
        }
        TSNode top = climbWrappers(node);
        TSNode nameNode = nameNode(rule.naming(), node);
        String name = simpleName(rule.naming(), nameNode, top);
        if (kind == null || name == null) {
            return scope;
        }
        String qualifier = scope.qualifier();
        boolean inType = scope.inType();
        String typeName = scope.typeName();
        String id;
        if (rule.naming() == Naming.GO_RECEIVER) {
            String receiver = goReceiverType(node);
            id = receiver == null ? name : receiver + "." + name;
            qualifier = receiver == null ? null : Names.stripPointer(receiver);
        } else {
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                // C++ out-of-class definition: Point::len is a member of Point wherever it is written.
                String owner = name.substring(0, dot);
                qualifier = Names.join(qualifier, owner);
                typeName = Names.last(owner);
                inType = true;
                name = name.substring(dot + 1);
            }
            id = Names.join(qualifier, name);
        }
        if (kind == EntityType.FUNCTION && inType) {
            boolean constructor = spec.constructorNames().contains(name)
                    || (rule.naming() == Naming.DECLARATOR && name.equals(typeName));
            kind = constructor ? EntityType.CONSTRUCTOR : EntityType.METHOD;
        }
        if (kind == EntityType.FUNCTION && inAnonymousClass(node)) {
            kind = spec.constructorNames().contains(name) ? EntityType.CONSTRUCTOR : EntityType.METHOD;
        }
        boolean container = rule.role() == Role.CONTAINER;
        TSPoint start = top.getStartPoint();
        int nameLine = nameNode != null ? startLine(nameNode) : startLine(node);
        if (symbols != null) {
            symbols.add(SymbolKind.of(kind), name, qualifier, top, nameLine, bodyNode(rule, node));
        }
        if (scope.inBody()) {
            return new Scope(id, container, name, null, true);
        }
        TSNode docstring = spec.docstrings() ? docstring(node) : null;
        Entity entity = new Entity(kind, id, qualifier, start.getRow() + 1, endLine(start, top.getEndPoint()),
                nameLine, container, rule.body() == Body.DOCUMENTED_IF_ABSENT && !hasBody,
                docstring == null ? "" : text(docstring));
        // A docstring on the line of its def (def f(): """...""") shares it with code: no lines of its own.
        if (docstring != null && startLine(docstring) > nameLine) {
            entity.docFirstLine = startLine(docstring);
            entity.docLastLine = endLine(docstring.getStartPoint(), docstring.getEndPoint());
        }
        (scope.owner() == null ? roots : scope.owner().children).add(entity);
        all.add(entity);
        if (container) {
            return new Scope(id, true, name, entity);
        }
        // A leaf's body holds no chunks, but its nested definitions are symbols.
        return symbols == null ? null : new Scope(id, false, null, null, true);
    }

    /** A Java or JavaScript class body that belongs to no class declaration: {@code new Runnable() { ... }}. */
    private static boolean inAnonymousClass(TSNode node) {
        TSNode parent = node.getParent();
        if (parent == null || parent.isNull() || !parent.getType().equals("class_body")) {
            return false;
        }
        TSNode owner = parent.getParent();
        return owner != null && !owner.isNull() && owner.getType().equals("object_creation_expression");
    }

    /** The node's body: its {@code body} field, the body of its function value, or a child of a body type. */
    private TSNode bodyNode(EntityRule rule, TSNode node) {
        TSNode body = field(node, "body");
        if (body != null) {
            return body;
        }
        if (!rule.valueTypes().isEmpty()) {
            TSNode value = field(node, "value");
            return value == null ? null : field(value, "body");
        }
        for (int i = 0; i < node.getNamedChildCount(); i++) {
            if (spec.bodyTypes().contains(node.getNamedChild(i).getType())) {
                return node.getNamedChild(i);
            }
        }
        return null;
    }

    /**
     * Node types, across the grammars, whose subtrees never hold an entity we extract: names, literals, types,
     * imports, annotations, parameter lists, initializers. Not walking them matters because every tree-sitter call
     * through JNI costs about a microsecond. Expressions are walked: an IIFE or {@code define(...)} callback holds
     * a JavaScript file's functions.
     */
    static boolean isOpaque(String type) {
        if (KOTLIN_COMMENT_HOLDERS.contains(type)) {
            return false;
        }
        return type.endsWith("identifier") || type.endsWith("literal") || type.endsWith("string")
                || type.endsWith("_type") || type.endsWith("type_arguments") || type.contains("import")
                || type.contains("package") || type.contains("annotation") || type.contains("modifier")
                || type.contains("parameter") || type.contains("initializer") || type.equals("escape_sequence");
    }

    private EntityType kind(EntityRule rule, TSNode node) {
        if (!rule.kindByChild().isEmpty()) {
            for (int i = 0; i < node.getChildCount(); i++) {
                EntityType byChild = rule.kindByChild().get(node.getChild(i).getType());
                if (byChild != null) {
                    return byChild;
                }
            }
        }
        return rule.type();
    }

    private boolean hasBody(TSNode node) {
        if (field(node, "body") != null) {
            return true;
        }
        if (!spec.bodyTypes().isEmpty()) {
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                if (spec.bodyTypes().contains(node.getNamedChild(i).getType())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Goes up through wrappers (export, decorators, template, typedef) that hold this entity and nothing like it. */
    private TSNode climbWrappers(TSNode node) {
        if (spec.wrapperTypes().isEmpty()) {
            return node;
        }
        TSNode current = node;
        while (true) {
            TSNode parent = current.getParent();
            if (parent == null || parent.isNull() || !spec.wrapperTypes().contains(parent.getType())) {
                return current;
            }
            String type = current.getType();
            int alike = 0;
            for (int i = 0; i < parent.getNamedChildCount(); i++) {
                if (parent.getNamedChild(i).getType().equals(type)) {
                    alike++;
                }
            }
            if (alike != 1) {
                return current;
            }
            current = parent;
        }
    }

    private TSNode nameNode(Naming naming, TSNode node) {
        return switch (naming) {
            case NAME_FIELD, GO_RECEIVER -> {
                TSNode name = field(node, "name");
                yield name != null ? name : field(node, "property");
            }
            case DECLARATOR -> {
                TSNode current = field(node, "declarator");
                for (TSNode next = current; next != null; next = field(next, "declarator")) {
                    current = next;
                }
                yield current;
            }
            case FIRST_IDENTIFIER, COMPANION -> {
                for (int i = 0; i < node.getNamedChildCount(); i++) {
                    TSNode child = node.getNamedChild(i);
                    String type = child.getType();
                    if (type.equals("simple_identifier") || type.equals("type_identifier")) {
                        yield child;
                    }
                }
                yield null;
            }
            case IMPL_TYPE -> field(node, "type");
            case CONSTRUCTOR_KEYWORD, NONE -> null;
        };
    }

    private String simpleName(Naming naming, TSNode nameNode, TSNode top) {
        String raw = nameNode == null ? null : text(nameNode);
        if (raw == null && naming == Naming.NAME_FIELD && top.getType().equals("type_definition")) {
            // typedef struct { ... } size2; takes its name from the typedef.
            raw = text(field(top, "declarator"));
        }
        return switch (naming) {
            case COMPANION -> raw == null ? "Companion" : Names.clean(raw);
            case CONSTRUCTOR_KEYWORD -> "constructor";
            case IMPL_TYPE -> Names.last(Names.clean(raw));
            case NONE -> null;
            default -> Names.clean(raw);
        };
    }

    /** {@code (*Server)} or {@code Server} for a Go method's receiver; null if there is none. */
    private String goReceiverType(TSNode method) {
        TSNode receivers = field(method, "receiver");
        if (receivers == null || receivers.getNamedChildCount() == 0) {
            return null;
        }
        TSNode type = field(receivers.getNamedChild(0), "type");
        if (type == null) {
            return null;
        }
        boolean pointer = type.getType().equals("pointer_type");
        String name = Names.clean(text(pointer && type.getNamedChildCount() > 0 ? type.getNamedChild(0) : type));
        if (name == null) {
            return null;
        }
        return pointer ? "(*" + name + ")" : name;
    }

    /** Python: the string that opens the body, or null. */
    private TSNode docstring(TSNode node) {
        TSNode body = field(node, "body");
        if (body == null) {
            return null;
        }
        for (int i = 0; i < body.getNamedChildCount(); i++) {
            TSNode statement = body.getNamedChild(i);
            if (spec.commentTypes().contains(statement.getType())) {
                continue;
            }
            if (statement.getType().equals("expression_statement") && statement.getNamedChildCount() == 1) {
                TSNode expression = statement.getNamedChild(0);
                if (expression.getType().equals("string") || expression.getType().equals("concatenated_string")) {
                    return expression;
                }
            }
            return null;
        }
        return null;
    }

    /** Drops body-less declarations that found no doc; their lines stay in the enclosing header. */
    private static List<Entity> prune(List<Entity> entities) {
        entities.removeIf(e -> e.needsDoc && e.doc.isEmpty());
        for (Entity entity : entities) {
            prune(entity.children);
        }
        return entities;
    }

    private String text(TSNode node) {
        return node == null ? null : source.slice(node.getStartByte(), node.getEndByte());
    }

    static TSNode field(TSNode node, String name) {
        TSNode child = node.getChildByFieldName(name);
        return child == null || child.isNull() ? null : child;
    }

    static int startLine(TSNode node) {
        return node.getStartPoint().getRow() + 1;
    }

    /** The last line holding part of the node: one that ends at column 0 ends on the line before. */
    static int endLine(TSPoint start, TSPoint end) {
        int row = end.getRow();
        if (end.getColumn() == 0 && row > start.getRow()) {
            row--;
        }
        return row + 1;
    }


}
