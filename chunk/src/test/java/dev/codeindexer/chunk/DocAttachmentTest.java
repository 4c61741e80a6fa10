package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Doc comments, docstrings, annotations, decorators and attributes belong to the entity below them. */
class DocAttachmentTest {

    private static Chunker chunker;

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            StringUtils.java | StringUtils.isBlank        | /**                                     | @return {@code true}
            StringUtils.java | StringUtils                | /**                                     | null} safe.
            shapes.rs        | Point                      | /// A point.                            | /// A point.
            shapes.rs        | Point.new                  | /// Creates a point.                    | /// Creates a point.
            server.go        | (*Server).Serve            | // Serve starts serving.                | // Serve starts serving.
            geometry.py      | geometry.Point.norm        | \"""Distance from the origin.\"""       | \"""Distance from the origin.\"""
            geometry.py      | geometry.Point             | \"""A point in the plane.\"""           | \"""A point in the plane.\"""
            Shape.cs         | Shape.Area                 | /// <summary>Area.</summary>            | /// <summary>Area.</summary>
            point.rb         | Geo.Point                  | # A point.                              | # A point.
            User.php         | User.getName               | /** Get name. */                        | /** Get name. */
            Circle.kt        | Circle                     | /** A shape. */                         | /** A shape. */
            Shapes.scala     | Shape                      | /** A shape. */                         | /** A shape. */
            point.c          | add                        | /**                                     | */
            shape.cpp        | geo.Shape                  | /// A shape.                            | /// A shape.
            shapes.ts        | Circle                     | /** A circle. */                        | /** A circle. */
            Hello.tsx        | Hello                      | /** Hello component. */                 | /** Hello component. */
            greeter.js       | Greeter.greet              | // Says hello.                          | // Says hello.
            """)
    void docIsTheCommentOrDocstringThatBelongsToTheEntity(String file, String entityId, String docStart,
                                                          String docHas) {
        Chunk chunk = Samples.find(chunker.chunk(file, Samples.read(file)), entityId);

        assertThat(chunk.doc()).startsWith(docStart).contains(docHas);
        // Exactly as in the content, so the evaluation can cut it out of the indexed text.
        assertThat(chunk.content()).contains(chunk.doc());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            StringUtils.java | StringUtils.lower      | @Deprecated
            geometry.py      | geometry.Point         | @dataclass(frozen=True)
            geometry.py      | geometry.Point.norm    | # Cached, because callers ask often.
            shapes.rs        | Point                  | /// A point.
            shapes.rs        | tests.it_adds          | #[test]
            shapes.ts        | Circle                 | /** A circle. */
            Shape.cs         | Shape                  | /// <summary>A shape.</summary>
            User.php         | User                   | /**
            """)
    void chunkStartsAtTheAnnotationsAndCommentsAboveTheEntity(String file, String entityId, String firstLine) {
        String source = Samples.read(file);
        Chunk chunk = Samples.find(chunker.chunk(file, source), entityId);

        assertThat(chunk.content().lines().findFirst().orElseThrow().strip()).isEqualTo(firstLine);
        assertThat(source.lines().skip(chunk.startLine() - 1).findFirst().orElseThrow().strip()).isEqualTo(firstLine);
    }

    @Test
    void entitiesWithoutDocHaveEmptyDoc() {
        List<Chunk> chunks = chunker.chunk("greeter.js", Samples.read("greeter.js"));

        assertThat(Samples.find(chunks, "Greeter").doc()).isEmpty();
        assertThat(Samples.find(chunks, "mul").doc()).isEmpty();
        assertThat(Samples.find(chunks, "greeter.js").doc()).isEmpty();
    }

    @Test
    void aBlankLineSeparatesACommentFromTheEntityBelow() {
        String source = """
                // Section: helpers

                function helper() {
                  return 1;
                }
                """;
        Chunk helper = Samples.find(chunker.chunk("a.js", source), "helper");

        assertThat(helper.doc()).isEmpty();
        assertThat(helper.startLine()).isEqualTo(3);
    }

    @Test
    void aTrailingCommentOnThePreviousEntitysLastLineIsNotDoc() {
        String source = """
                func a() {
                } // end of a
                func b() {
                }
                """;
        Chunk b = Samples.find(chunker.chunk("x.go", "package x\n" + source), "b");

        assertThat(b.doc()).isEmpty();
        assertThat(b.startLine()).isEqualTo(4);
    }

    @Test
    void rustInnerDocDescribesTheModuleNotTheNextItem() {
        String source = """
                //! Crate docs.
                fn first() {}
                """;
        Chunk first = Samples.find(chunker.chunk("lib.rs", source), "first");

        assertThat(first.doc()).isEmpty();
        assertThat(first.startLine()).isEqualTo(2);
    }

    @Test
    void docCommentAboveAnAttributeStillBelongsToTheItem() {
        String source = """
                /// Adds.
                #[inline]
                pub fn add(a: i32) -> i32 {
                    a
                }
                """;
        Chunk add = Samples.find(chunker.chunk("lib.rs", source), "add");

        assertThat(add.doc()).isEqualTo("/// Adds.");
        assertThat(add.startLine()).isEqualTo(1);
    }

    @Test
    void pythonCommentsAboveADefExtendTheChunkButTheDocIsTheDocstring() {
        Chunk norm = Samples.find(chunker.chunk("geometry.py", Samples.read("geometry.py")), "geometry.Point.norm");

        assertThat(norm.content()).startsWith("    # Cached, because callers ask often.\n    @property\n");
        assertThat(norm.doc()).isEqualTo("\"\"\"Distance from the origin.\"\"\"");
    }

    @Test
    void kotlinDocRightAfterThePackageOrImportsIsFound() {
        Chunk afterPackage = Samples.find(chunker.chunk("A.kt", "package a\n\n/** Doc. */\nclass A\n"), "A");
        Chunk afterImport = Samples.find(chunker.chunk("B.kt", "package a\nimport x.y\n\n/** Doc. */\nclass B\n"),
                "B");

        assertThat(afterPackage.doc()).isEqualTo("/** Doc. */");
        assertThat(afterImport.doc()).isEqualTo("/** Doc. */");
    }

    @Test
    void offsetsStayExactAfterNonAsciiText() {
        String source = "class A {\n  String s = \"\uD83D\uDE00 caf\u00e9 \u4e2d\u6587\";\n  /** Doc \u00e9. */\n  void m\u00e9() {}\n}\n";
        Chunk method = Samples.find(chunker.chunk("A.java", source), "A.m\u00e9");

        assertThat(method.doc()).isEqualTo("/** Doc \u00e9. */");
        assertThat(method.startLine()).isEqualTo(3);
    }

    @Test
    void multiLineGoCommentBlockIsOneDoc() {
        String source = """
                package x

                // Parse reads a config.
                // It never panics.
                func Parse() {}
                """;
        Chunk parse = Samples.find(chunker.chunk("x.go", source), "Parse");

        assertThat(parse.doc()).isEqualTo("// Parse reads a config.\n// It never panics.");
        assertThat(parse.startLine()).isEqualTo(3);
    }
}
