package dev.codeindexer.chunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treesitter.TSLanguage;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryException;

/**
 * Per grammar, the tree-sitter query patterns that find calls ({@code @call}, the called name, with its
 * {@code @receiver} where there is one), type references
 * ({@code @type}) and the text that is no code: comments and string literals ({@code @text}). Compiled once per
 * grammar into one query that runs in native code, so a file costs one JNI call per capture rather than one per
 * node. A pattern whose node types the grammar lacks is left out with a debug line; tests compile every pattern.
 */
final class ReferenceQueries {
    private static final Logger log = LoggerFactory.getLogger(ReferenceQueries.class);

    static final String CALL = "call";
    static final String TYPE = "type";
    static final String TEXT = "text";
    static final String RECEIVER = "receiver";

    private static final List<String> JS_CALLS = List.of(
            "(call_expression function: (identifier) @call)",
            "(call_expression function: (member_expression object: (_) @receiver property: (property_identifier) @call))",
            "(new_expression constructor: (identifier) @call)",
            "(new_expression constructor: (member_expression object: (_) @receiver property: (property_identifier) @call))");
    private static final List<String> C_CALLS = List.of(
            "(call_expression function: (identifier) @call)",
            "(call_expression function: (field_expression argument: (_) @receiver field: (field_identifier) @call))");

    /** Calls, with the receiver ({@code @receiver}) where the call has one: {@code x} in {@code x.parse()}. */
    private static final Map<Language, List<String>> CALLS = Map.ofEntries(
            Map.entry(Language.JAVA, List.of(
                    "(method_invocation object: (_)? @receiver name: (identifier) @call)",
                    "(object_creation_expression type: (type_identifier) @call)",
                    "(object_creation_expression type: (generic_type (type_identifier) @call))",
                    "(method_reference . (_) @receiver (identifier) @call .)")),
            Map.entry(Language.PYTHON, List.of(
                    "(call function: (identifier) @call)",
                    "(call function: (attribute object: (_) @receiver attribute: (identifier) @call))")),
            Map.entry(Language.JAVASCRIPT, JS_CALLS),
            Map.entry(Language.TYPESCRIPT, JS_CALLS),
            Map.entry(Language.TSX, JS_CALLS),
            Map.entry(Language.GO, List.of(
                    "(call_expression function: (identifier) @call)",
                    "(call_expression function: (selector_expression operand: (_) @receiver field: (field_identifier) @call))")),
            Map.entry(Language.RUST, List.of(
                    "(call_expression function: (identifier) @call)",
                    "(call_expression function: (scoped_identifier path: (_)? @receiver name: (identifier) @call))",
                    "(call_expression function: (field_expression value: (_) @receiver field: (field_identifier) @call))",
                    "(call_expression function: (generic_function function: (identifier) @call))",
                    "(macro_invocation macro: (identifier) @call)")),
            Map.entry(Language.C, C_CALLS),
            Map.entry(Language.CPP, concat(C_CALLS, List.of(
                    "(call_expression function: (qualified_identifier scope: (_)? @receiver name: (identifier) @call))",
                    "(call_expression function: (template_function name: (identifier) @call))",
                    "(new_expression type: (type_identifier) @call)"))),
            Map.entry(Language.CSHARP, List.of(
                    "(invocation_expression function: (identifier) @call)",
                    "(invocation_expression function: (member_access_expression expression: (_) @receiver name: (identifier) @call))",
                    "(object_creation_expression type: (identifier) @call)")),
            Map.entry(Language.RUBY, List.of("(call receiver: (_)? @receiver method: (identifier) @call)")),
            Map.entry(Language.PHP, List.of(
                    "(function_call_expression function: (name) @call)",
                    "(member_call_expression object: (_) @receiver name: (name) @call)",
                    "(scoped_call_expression scope: (_) @receiver name: (name) @call)",
                    "(object_creation_expression (name) @call)")),
            Map.entry(Language.KOTLIN, List.of(
                    "(call_expression (simple_identifier) @call)",
                    "(call_expression (navigation_expression . (_) @receiver (navigation_suffix (simple_identifier) @call)))")),
            Map.entry(Language.SCALA, List.of(
                    "(call_expression function: (identifier) @call)",
                    "(call_expression function: (field_expression value: (_) @receiver field: (identifier) @call))")));

    private static final List<String> TYPE_IDENTIFIERS = List.of("(type_identifier) @type");

    private static final Map<Language, List<String>> TYPES = Map.ofEntries(
            Map.entry(Language.JAVA, TYPE_IDENTIFIERS),
            Map.entry(Language.PYTHON, List.of(
                    "(type (identifier) @type)",
                    "(class_definition superclasses: (argument_list (identifier) @type))")),
            Map.entry(Language.JAVASCRIPT, List.of("(class_heritage (identifier) @type)")),
            Map.entry(Language.TYPESCRIPT, TYPE_IDENTIFIERS),
            Map.entry(Language.TSX, TYPE_IDENTIFIERS),
            Map.entry(Language.GO, TYPE_IDENTIFIERS),
            Map.entry(Language.RUST, TYPE_IDENTIFIERS),
            Map.entry(Language.C, TYPE_IDENTIFIERS),
            Map.entry(Language.CPP, TYPE_IDENTIFIERS),
            Map.entry(Language.CSHARP, List.of("(base_list (identifier) @type)")),
            Map.entry(Language.RUBY, List.of("(constant) @type")),
            Map.entry(Language.PHP, List.of("(named_type (name) @type)", "(base_clause (name) @type)")),
            Map.entry(Language.KOTLIN, List.of("(user_type (type_identifier) @type)")),
            Map.entry(Language.SCALA, TYPE_IDENTIFIERS));

    private static final Map<Language, List<String>> STRINGS = Map.ofEntries(
            Map.entry(Language.JAVA, List.of("string_literal", "character_literal")),
            Map.entry(Language.PYTHON, List.of("string")),
            Map.entry(Language.JAVASCRIPT, List.of("string", "template_string", "regex")),
            Map.entry(Language.TYPESCRIPT, List.of("string", "template_string", "regex")),
            Map.entry(Language.TSX, List.of("string", "template_string", "regex")),
            Map.entry(Language.GO, List.of("interpreted_string_literal", "raw_string_literal", "rune_literal")),
            Map.entry(Language.RUST, List.of("string_literal", "raw_string_literal", "char_literal")),
            Map.entry(Language.C, List.of("string_literal", "char_literal", "system_lib_string")),
            Map.entry(Language.CPP, List.of("string_literal", "char_literal", "raw_string_literal",
                    "system_lib_string")),
            Map.entry(Language.CSHARP, List.of("string_literal", "verbatim_string_literal", "raw_string_literal",
                    "character_literal")),
            Map.entry(Language.RUBY, List.of("string", "heredoc_body", "regex")),
            Map.entry(Language.PHP, List.of("string", "encapsed_string", "heredoc", "nowdoc")),
            Map.entry(Language.KOTLIN, List.of("string_literal", "character_literal")),
            Map.entry(Language.SCALA, List.of("string", "interpolated_string")));

    private ReferenceQueries() {
    }

    /** The patterns for {@code spec}'s grammar, before compiling: calls, types, then comments and strings. */
    static List<String> patterns(LanguageSpec spec) {
        List<String> patterns = new ArrayList<>(CALLS.getOrDefault(spec.language(), List.of()));
        patterns.addAll(TYPES.getOrDefault(spec.language(), List.of()));
        spec.commentTypes().stream().sorted().forEach(t -> patterns.add("(" + t + ") @" + TEXT));
        STRINGS.getOrDefault(spec.language(), List.of()).forEach(t -> patterns.add("(" + t + ") @" + TEXT));
        return patterns;
    }

    /** Whether {@code pattern} compiles against the grammar. */
    static boolean compiles(TSLanguage grammar, String pattern) {
        try (TSQuery ignored = new TSQuery(grammar, pattern)) {
            return true;
        } catch (TSQueryException e) {
            return false;
        }
    }

    /** One query of every pattern the grammar accepts; null when it accepts none. */
    static TSQuery compile(LanguageSpec spec, TSLanguage grammar) {
        StringBuilder source = new StringBuilder();
        for (String pattern : patterns(spec)) {
            if (compiles(grammar, pattern)) {
                source.append(pattern).append('\n');
            } else {
                log.debug("the {} grammar has no {}; left out of its reference query", spec.language(), pattern);
            }
        }
        return source.isEmpty() ? null : new TSQuery(grammar, source.toString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
