package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.treesitter.TSLanguage;

/**
 * The calls and type references {@link Chunker#analyze} finds with each grammar's query, and what
 * {@link Chunker#codeMask} counts as code.
 */
class ReferenceTest {
    private static Chunker chunker;

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    /** A wrong node type in a pattern would silently drop it; every pattern must compile against its grammar. */
    @ParameterizedTest
    @EnumSource(value = Language.class, mode = EnumSource.Mode.MATCH_ALL, names = ".*")
    void everyPatternCompiles(Language language) {
        LanguageSpec spec = LanguageSpecs.of(language);
        if (spec == null) {
            return;
        }
        TSLanguage grammar = spec.grammar().get();
        assertThat(ReferenceQueries.patterns(spec)).isNotEmpty()
                .allSatisfy(p -> assertThat(ReferenceQueries.compiles(grammar, p)).as(language + ": " + p).isTrue());
    }

    static Stream<Arguments> calls() {
        return Stream.of(
                Arguments.of("A.java", """
                        class A extends Base {
                          List<Item> run(Helper h) {
                            h.helper(1);
                            Object o = new Widget<String>();
                            return compute(this::other);
                          }
                        }
                        """, List.of("call helper 3", "call Widget 4", "call compute 5", "call other 5",
                        "type Base 1", "type List 2", "type Item 2", "type Helper 2", "type String 4")),
                Arguments.of("a.py", """
                        class A(Base):
                            def run(self, h: Helper):
                                h.helper(1)
                                return compute(Widget())
                        """, List.of("call helper 3", "call compute 4", "call Widget 4", "type Base 1",
                        "type Helper 2")),
                Arguments.of("a.js", """
                        class A extends Base {
                          run(h) {
                            h.helper(1);
                            return compute(new Widget());
                          }
                        }
                        """, List.of("call helper 3", "call compute 4", "call Widget 4", "type Base 1")),
                Arguments.of("a.ts", """
                        function run(h: Helper): Item {
                          h.helper(1);
                          return compute(new Widget());
                        }
                        """, List.of("call helper 2", "call compute 3", "call Widget 3", "type Helper 1",
                        "type Item 1")),
                Arguments.of("a.go", """
                        package a

                        func Run(h *Helper) Item {
                        	h.Helper(1)
                        	return compute(fmt.Sprintf("x"))
                        }
                        """, List.of("call Helper 4", "call compute 5", "call Sprintf 5", "type Helper 3",
                        "type Item 3")),
                Arguments.of("a.rs", """
                        fn run(h: &Helper) -> Item {
                            h.helper(1);
                            println!("x");
                            compute(Vec::new())
                        }
                        """, List.of("call helper 2", "call println 3", "call compute 4", "call new 4",
                        "type Helper 1", "type Item 1")),
                Arguments.of("a.c", """
                        int run(struct helper *h) {
                            h->helper(1);
                            return compute(2);
                        }
                        """, List.of("call helper 2", "call compute 3")),
                Arguments.of("a.cpp", """
                        int run(Helper *h) {
                            h->helper(1);
                            return std::compute(new Widget());
                        }
                        """, List.of("call helper 2", "call compute 3", "call Widget 3", "type Helper 1")),
                Arguments.of("A.cs", """
                        class A : Base {
                            int Run(Helper h) {
                                h.HelperCall(1);
                                return Compute(new Widget());
                            }
                        }
                        """, List.of("call HelperCall 3", "call Compute 4", "call Widget 4", "type Base 1")),
                Arguments.of("a.rb", """
                        class A < Base
                          def run(h)
                            h.helper(1)
                            compute(2)
                          end
                        end
                        """, List.of("call helper 3", "call compute 4", "type Base 1")),
                Arguments.of("a.php", """
                        <?php
                        class A extends Base {
                            function run(Helper $h) {
                                $h->helper(1);
                                return compute(new Widget());
                            }
                        }
                        """, List.of("call helper 4", "call compute 5", "call Widget 5", "type Base 2",
                        "type Helper 3")),
                Arguments.of("A.kt", """
                        class A : Base() {
                            fun run(h: Helper) {
                                h.helper(1)
                                compute(2)
                            }
                        }
                        """, List.of("call helper 3", "call compute 4", "type Base 1",
                        "type Helper 2")),
                Arguments.of("A.scala", """
                        class A extends Base {
                          def run(h: Helper): Int = {
                            h.helper(1)
                            compute(2)
                          }
                        }
                        """, List.of("call helper 3", "call compute 4", "type Base 1", "type Helper 2", "type Int 2")));
    }

    @ParameterizedTest
    @MethodSource("calls")
    void findsCallsAndTypeReferences(String file, String source, List<String> expected) {
        List<String> found = chunker.analyze(file, source).references().stream()
                .map(r -> r.kind().id() + " " + r.name() + " " + r.line()).toList();
        assertThat(found).containsAll(expected);
    }

    @Test
    void callsKeepWhatTheyAreCalledOn() {
        List<String> java = chunker.analyze("A.java", """
                class A {
                  void run(Helper h) {
                    h.helper(1); this.own(); own(); String.valueOf(2); org.util.Strings.trim(s); make().go();
                  }
                }
                """).references().stream().filter(r -> r.kind() == Reference.Kind.CALL)
                .map(r -> r.name() + "<" + r.receiver() + ">").toList();
        assertThat(java).containsExactlyInAnyOrder("helper<h>", "own<this>", "own<null>", "valueOf<String>",
                "trim<Strings>", "make<null>", "go<>");
        List<String> python = chunker.analyze("a.py", "def f(self):\n    self.g(); os.path.join(a); h()\n")
                .references().stream().map(r -> r.name() + "<" + r.receiver() + ">").toList();
        assertThat(python).containsExactlyInAnyOrder("g<self>", "join<path>", "h<null>");
        List<String> go = chunker.analyze("a.go", "package a\n\nfunc F() {\n\tfmt.Sprintf(\"x\"); c.Run()\n}\n")
                .references().stream().map(r -> r.name() + "<" + r.receiver() + ">").toList();
        assertThat(go).containsExactlyInAnyOrder("Sprintf<fmt>", "Run<c>");
        assertThat(new Reference("valueOf", 1, Reference.Kind.CALL, "String").receiverIsTypeLike()).isTrue();
        assertThat(new Reference("own", 1, Reference.Kind.CALL, "this").onSelf()).isTrue();
    }

    @Test
    void aDefinitionsOwnNameIsNoReference() {
        List<Reference> refs = chunker.analyze("a.ts", """
                class Widget {}
                interface Shape { area(): number }
                function make(): Widget { return new Widget(); }
                """).references();
        assertThat(refs).extracting(r -> r.kind().id() + " " + r.name() + " " + r.line())
                .containsExactlyInAnyOrder("type Widget 3", "call Widget 3");
    }

    @Test
    void commentsAndStringsAreNoCode() {
        String source = """
                class A {
                  // calls helper() first
                  void run() { helper(); String s = "helper"; /* helper */ }
                }
                """;
        CodeMask mask = chunker.codeMask("A.java", source);
        String line3 = source.lines().toList().get(2);
        assertThat(mask.isCode(2, source.lines().toList().get(1).indexOf("helper"))).isFalse();
        assertThat(mask.isCode(3, line3.indexOf("helper"))).isTrue();
        assertThat(mask.isCode(3, line3.indexOf("\"helper") + 1)).isFalse();
        assertThat(mask.isCode(3, line3.indexOf("/* helper") + 3)).isFalse();
        assertThat(chunker.codeMask("notes.txt", "helper").isCode(1, 0)).isFalse();
        assertThat(chunker.codeMask("README.md", "call `helper()`").isCode(1, 6)).isFalse();
        assertThat(chunker.codeMask("run.sh", "helper # x").isCode(1, 0)).as("no grammar to tell").isTrue();
    }

    @Test
    void columnsCountCharactersNotBytes() {
        String source = "x = \"é\"; y = helper() // é helper\n";
        CodeMask mask = chunker.codeMask("a.js", source);
        assertThat(mask.isCode(1, source.indexOf("helper"))).isTrue();
        assertThat(mask.isCode(1, source.lastIndexOf("helper"))).isFalse();
    }
}
