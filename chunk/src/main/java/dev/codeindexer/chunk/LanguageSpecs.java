package dev.codeindexer.chunk;

import static dev.codeindexer.chunk.EntityType.CLASS;
import static dev.codeindexer.chunk.EntityType.CONSTRUCTOR;
import static dev.codeindexer.chunk.EntityType.ENUM;
import static dev.codeindexer.chunk.EntityType.FUNCTION;
import static dev.codeindexer.chunk.EntityType.INTERFACE;
import static dev.codeindexer.chunk.EntityType.METHOD;
import static dev.codeindexer.chunk.EntityType.MODULE;
import static dev.codeindexer.chunk.EntityType.STRUCT;
import static dev.codeindexer.chunk.EntityType.TRAIT;

import dev.codeindexer.chunk.EntityRule.Body;
import dev.codeindexer.chunk.EntityRule.Naming;
import dev.codeindexer.chunk.EntityRule.Role;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterC;
import org.treesitter.TreeSitterCSharp;
import org.treesitter.TreeSitterCpp;
import org.treesitter.TreeSitterGo;
import org.treesitter.TreeSitterJava;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterKotlin;
import org.treesitter.TreeSitterPhp;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterRuby;
import org.treesitter.TreeSitterRust;
import org.treesitter.TreeSitterScala;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

/**
 * The per-language table: which node types are entities, and the few facts about comments, wrappers and docs that
 * differ between grammars. Node type names are those of the grammar versions pinned in the pom; the per-language
 * tests fail when a grammar upgrade renames one.
 */
final class LanguageSpecs {

    /** Function values that make {@code const f = ...} (and class fields) a function. */
    private static final Set<String> JS_FUNCTION_VALUES =
            Set.of("arrow_function", "function_expression", "function", "generator_function");

    private static final Map<Language, LanguageSpec> SPECS = build();

    private LanguageSpecs() {
    }

    /** The spec for {@code language}, or null when it has no grammar. */
    static LanguageSpec of(Language language) {
        return SPECS.get(language);
    }

    private static Map<Language, LanguageSpec> build() {
        Map<Language, LanguageSpec> specs = new EnumMap<>(Language.class);
        put(specs, new Builder(Language.JAVA, TreeSitterJava::new)
                .comments("line_comment", "block_comment")
                .container("class_declaration", CLASS)
                .container("record_declaration", CLASS)
                .container("interface_declaration", INTERFACE)
                .container("annotation_type_declaration", INTERFACE)
                .container("enum_declaration", ENUM)
                .function("method_declaration", FUNCTION, Body.DOCUMENTED_IF_ABSENT)
                .leaf("constructor_declaration", CONSTRUCTOR)
                .leaf("compact_constructor_declaration", CONSTRUCTOR)
                .symbol("annotation_type_element_declaration", SymbolKind.METHOD));
        put(specs, new Builder(Language.PYTHON, TreeSitterPython::new)
                .comments("comment")
                .wrappers("decorated_definition")
                .constructors("__init__")
                .docstrings()
                .assignment("assignment", "lambda")
                .container("class_definition", CLASS)
                .leaf("function_definition", FUNCTION));
        put(specs, javascript(new Builder(Language.JAVASCRIPT, TreeSitterJavascript::new)));
        put(specs, typescript(new Builder(Language.TYPESCRIPT, TreeSitterTypescript::new)));
        put(specs, typescript(new Builder(Language.TSX, TreeSitterTsx::new)));
        put(specs, new Builder(Language.GO, TreeSitterGo::new)
                .comments("comment")
                .wrappers("type_declaration")
                .leaf("function_declaration", FUNCTION)
                .rule("method_declaration", METHOD, Role.LEAF, Naming.GO_RECEIVER, Body.ANY)
                .byChild("type_spec", Role.LEAF, Map.of("struct_type", STRUCT, "interface_type", INTERFACE))
                .symbol("type_spec", SymbolKind.TYPE)
                .symbol("type_alias", SymbolKind.TYPE));
        put(specs, new Builder(Language.RUST, TreeSitterRust::new)
                .comments("line_comment", "block_comment")
                .attributes("attribute_item")
                .leaf("function_item", FUNCTION)
                .function("function_signature_item", FUNCTION, Body.DOCUMENTED_IF_ABSENT)
                .leaf("struct_item", STRUCT)
                .leaf("union_item", STRUCT)
                .leaf("enum_item", ENUM)
                .container("trait_item", TRAIT)
                .rule("impl_item", null, Role.TYPE_SCOPE, Naming.IMPL_TYPE, Body.ANY)
                .rule("mod_item", null, Role.SCOPE, Naming.NAME_FIELD, Body.REQUIRED));
        put(specs, new Builder(Language.C, TreeSitterC::new)
                .comments("comment")
                .wrappers("type_definition")
                .rule("function_definition", FUNCTION, Role.LEAF, Naming.DECLARATOR, Body.ANY)
                .rule("struct_specifier", STRUCT, Role.LEAF, Naming.NAME_FIELD, Body.REQUIRED)
                .rule("union_specifier", STRUCT, Role.LEAF, Naming.NAME_FIELD, Body.REQUIRED)
                .rule("enum_specifier", ENUM, Role.LEAF, Naming.NAME_FIELD, Body.REQUIRED));
        put(specs, new Builder(Language.CPP, TreeSitterCpp::new)
                .comments("comment")
                .wrappers("template_declaration", "type_definition")
                .rule("function_definition", FUNCTION, Role.LEAF, Naming.DECLARATOR, Body.ANY)
                .rule("class_specifier", CLASS, Role.CONTAINER, Naming.NAME_FIELD, Body.REQUIRED)
                .rule("struct_specifier", STRUCT, Role.CONTAINER, Naming.NAME_FIELD, Body.REQUIRED)
                .rule("union_specifier", STRUCT, Role.CONTAINER, Naming.NAME_FIELD, Body.REQUIRED)
                .rule("enum_specifier", ENUM, Role.LEAF, Naming.NAME_FIELD, Body.REQUIRED)
                .rule("namespace_definition", null, Role.SCOPE, Naming.NAME_FIELD, Body.ANY));
        put(specs, new Builder(Language.CSHARP, TreeSitterCSharp::new)
                .comments("comment")
                .container("class_declaration", CLASS)
                .container("record_declaration", CLASS)
                .container("interface_declaration", INTERFACE)
                .container("struct_declaration", STRUCT)
                .leaf("enum_declaration", ENUM)
                .function("method_declaration", FUNCTION, Body.DOCUMENTED_IF_ABSENT)
                .leaf("constructor_declaration", CONSTRUCTOR)
                .leaf("destructor_declaration", METHOD));
        put(specs, new Builder(Language.RUBY, TreeSitterRuby::new)
                .comments("comment")
                .constructors("initialize")
                .container("class", CLASS)
                .container("module", MODULE)
                .leaf("method", FUNCTION)
                .leaf("singleton_method", FUNCTION)
                .rule("singleton_class", null, Role.TYPE_SCOPE, Naming.NONE, Body.ANY));
        put(specs, new Builder(Language.PHP, TreeSitterPhp::new)
                .comments("comment")
                .constructors("__construct")
                .container("class_declaration", CLASS)
                .container("interface_declaration", INTERFACE)
                .container("trait_declaration", TRAIT)
                .container("enum_declaration", ENUM)
                .function("method_declaration", FUNCTION, Body.DOCUMENTED_IF_ABSENT)
                .leaf("function_definition", FUNCTION));
        put(specs, new Builder(Language.KOTLIN, TreeSitterKotlin::new)
                .comments("line_comment", "multiline_comment")
                .bodies("function_body")
                .rule("class_declaration", CLASS, Role.CONTAINER, Naming.FIRST_IDENTIFIER, Body.ANY,
                        Map.of("interface", INTERFACE, "enum", ENUM))
                .rule("object_declaration", CLASS, Role.CONTAINER, Naming.FIRST_IDENTIFIER, Body.ANY)
                .rule("companion_object", CLASS, Role.CONTAINER, Naming.COMPANION, Body.ANY)
                .rule("function_declaration", FUNCTION, Role.LEAF, Naming.FIRST_IDENTIFIER,
                        Body.DOCUMENTED_IF_ABSENT)
                .rule("secondary_constructor", CONSTRUCTOR, Role.LEAF, Naming.CONSTRUCTOR_KEYWORD, Body.ANY));
        put(specs, new Builder(Language.SCALA, TreeSitterScala::new)
                .comments("comment", "block_comment")
                .constructors("this")
                .container("class_definition", CLASS)
                .container("object_definition", CLASS)
                .container("trait_definition", TRAIT)
                .container("enum_definition", ENUM)
                .leaf("function_definition", FUNCTION)
                .function("function_declaration", FUNCTION, Body.DOCUMENTED_IF_ABSENT));
        return specs;
    }

    private static Builder javascript(Builder b) {
        return b.comments("comment")
                .wrappers("export_statement", "lexical_declaration", "variable_declaration")
                .constructors("constructor")
                .leaf("function_declaration", FUNCTION)
                .leaf("generator_function_declaration", FUNCTION)
                .container("class_declaration", CLASS)
                .leaf("method_definition", FUNCTION)
                .functionValue("variable_declarator")
                .functionValue("field_definition")
                .assignment("assignment_expression", JS_FUNCTION_VALUES.toArray(String[]::new));
    }

    private static Builder typescript(Builder b) {
        return javascript(b)
                .wrappers("ambient_declaration")
                .container("abstract_class_declaration", CLASS)
                .container("interface_declaration", INTERFACE)
                .leaf("enum_declaration", ENUM)
                .functionValue("public_field_definition")
                .function("function_signature", FUNCTION, Body.DOCUMENTED_IF_ABSENT)
                .function("method_signature", FUNCTION, Body.DOCUMENTED_IF_ABSENT)
                .function("abstract_method_signature", FUNCTION, Body.DOCUMENTED_IF_ABSENT)
                .rule("internal_module", null, Role.SCOPE, Naming.NAME_FIELD, Body.ANY)
                .rule("module", null, Role.SCOPE, Naming.NAME_FIELD, Body.ANY)
                .symbol("type_alias_declaration", SymbolKind.TYPE)
                .symbol("construct_signature", SymbolKind.CONSTRUCTOR, "new");
    }

    private static void put(Map<Language, LanguageSpec> specs, Builder builder) {
        specs.put(builder.language, builder.build());
    }

    /** Keeps the table above readable; used only while building it. */
    private static final class Builder {
        private final Language language;
        private final Supplier<TSLanguage> grammar;
        private final Map<String, EntityRule> rules = new LinkedHashMap<>();
        private final Map<String, LanguageSpec.SymbolRule> symbolRules = new LinkedHashMap<>();
        private final Map<String, Set<String>> assignments = new LinkedHashMap<>();
        private Set<String> comments = Set.of();
        private Set<String> attributes = Set.of();
        private Set<String> wrappers = Set.of();
        private Set<String> bodies = Set.of();
        private Set<String> constructors = Set.of();
        private boolean docstrings;

        Builder(Language language, Supplier<TSLanguage> grammar) {
            this.language = language;
            this.grammar = grammar;
        }

        Builder comments(String... types) {
            comments = Set.of(types);
            return this;
        }

        Builder attributes(String... types) {
            attributes = Set.of(types);
            return this;
        }

        Builder wrappers(String... types) {
            wrappers = union(wrappers, types);
            return this;
        }

        Builder bodies(String... types) {
            bodies = Set.of(types);
            return this;
        }

        Builder constructors(String... names) {
            constructors = Set.of(names);
            return this;
        }

        Builder docstrings() {
            docstrings = true;
            return this;
        }

        Builder symbol(String nodeType, SymbolKind kind) {
            return symbol(nodeType, kind, null);
        }

        Builder symbol(String nodeType, SymbolKind kind, String fixedName) {
            symbolRules.put(nodeType, new LanguageSpec.SymbolRule(kind, fixedName));
            return this;
        }

        Builder assignment(String nodeType, String... functionValueTypes) {
            assignments.put(nodeType, Set.of(functionValueTypes));
            return this;
        }

        Builder leaf(String nodeType, EntityType type) {
            return rule(nodeType, type, Role.LEAF, Naming.NAME_FIELD, Body.ANY);
        }

        Builder function(String nodeType, EntityType type, Body body) {
            return rule(nodeType, type, Role.LEAF, Naming.NAME_FIELD, body);
        }

        Builder container(String nodeType, EntityType type) {
            return rule(nodeType, type, Role.CONTAINER, Naming.NAME_FIELD, Body.ANY);
        }

        Builder functionValue(String nodeType) {
            rules.put(nodeType, new EntityRule(nodeType, FUNCTION, Role.LEAF, Naming.NAME_FIELD, Body.ANY, Map.of(),
                    JS_FUNCTION_VALUES));
            return this;
        }

        Builder byChild(String nodeType, Role role, Map<String, EntityType> kinds) {
            rules.put(nodeType, new EntityRule(nodeType, null, role, Naming.NAME_FIELD, Body.ANY, kinds, Set.of()));
            return this;
        }

        Builder rule(String nodeType, EntityType type, Role role, Naming naming, Body body) {
            return rule(nodeType, type, role, naming, body, Map.of());
        }

        Builder rule(String nodeType, EntityType type, Role role, Naming naming, Body body,
                     Map<String, EntityType> kinds) {
            rules.put(nodeType, new EntityRule(nodeType, type, role, naming, body, kinds, Set.of()));
            return this;
        }

        LanguageSpec build() {
            return new LanguageSpec(language, grammar, Map.copyOf(rules), comments, attributes, wrappers, bodies,
                    constructors, docstrings, language == Language.PYTHON, Map.copyOf(symbolRules),
                    Map.copyOf(assignments));
        }

        private static Set<String> union(Set<String> set, String... more) {
            Set<String> result = new HashSet<>(set);
            result.addAll(List.of(more));
            return Set.copyOf(result);
        }
    }
}
