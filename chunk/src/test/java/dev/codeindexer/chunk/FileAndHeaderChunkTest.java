package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Code outside entities lands in the file chunk; a class chunk is its header, not a copy of its members. */
class FileAndHeaderChunkTest {

    private static Chunker chunker;

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    @Test
    void fileChunkHoldsPackageAndImports() {
        Chunk file = chunker.chunk("StringUtils.java", Samples.read("StringUtils.java")).getFirst();

        assertThat(file.entityType()).isEqualTo(EntityType.FILE);
        assertThat(file.entityId()).isEqualTo("StringUtils.java");
        assertThat(file.parentId()).isNull();
        assertThat(file.content()).contains("package org.example.text;", "import java.util.Locale;",
                "import java.util.Objects;").doesNotContain("class StringUtils");
    }

    @Test
    void pythonTopLevelStatementsAreChunksOfTheirOwnLinesOnly() {
        List<Chunk> chunks = chunker.chunk("pkg/geometry.py", Samples.read("geometry.py"));
        List<Chunk> files = chunks.stream().filter(c -> c.entityType() == EntityType.FILE).toList();

        // The imports above the class and the main block below the function are two chunks: one would span, and
        // seem to answer for, every entity in between.
        assertThat(files).hasSize(2);
        assertThat(files.get(0).content()).contains("import math", "UNIT = 1.0").doesNotContain("__main__");
        assertThat(files.get(0).startLine()).isEqualTo(1);
        assertThat(files.get(0).endLine()).isEqualTo(5);
        assertThat(files.get(1).content()).contains("if __name__ == \"__main__\":", "    print(area(UNIT))")
                .doesNotContain("def area");
        assertThat(files.get(1).startLine()).isEqualTo(36);
        assertThat(files.get(1).entityStartLine()).isEqualTo(36);
        assertThat(files.get(1).entityEndLine()).isEqualTo(37);
        assertThat(Samples.find(chunks, "pkg.geometry.area").parentId()).isEqualTo("pkg.geometry");
    }

    @Test
    void leftoverRangesNeverSpanAnEntity() {
        String js = String.join("\n",
                "import baseRandom from './_baseRandom.js';",
                "",
                "/** Shuffles in place. */",
                "function shuffleSelf(array, size) {",
                "  return array;",
                "}",
                "",
                "export default shuffleSelf;",
                "");
        List<Chunk> chunks = chunker.chunk("_shuffleSelf.js", js);
        List<Chunk> files = chunks.stream().filter(c -> c.entityType() == EntityType.FILE).toList();

        assertThat(files).extracting(c -> c.entityStartLine() + "-" + c.entityEndLine()).containsExactly("1-1", "8-8");
        assertThat(files.get(0).content()).contains("import baseRandom").doesNotContain("export default");
        assertThat(files.get(1).content()).contains("export default shuffleSelf;").doesNotContain("import");
        assertThat(Samples.find(chunks, "shuffleSelf").startLine()).isEqualTo(3);
    }

    @Test
    void classChunkIsItsHeaderWithMemberSignaturesButNotTheirBodies() {
        List<Chunk> chunks = chunker.chunk("StringUtils.java", Samples.read("StringUtils.java"));
        Chunk type = Samples.find(chunks, "StringUtils");

        assertThat(type.startLine()).isEqualTo(9);
        assertThat(type.endLine()).isEqualTo(61);
        assertThat(type.content())
                .contains("public class StringUtils {", "public static final String EMPTY = \"\";",
                        "private static final int PAD_LIMIT = 8192;",
                        "    public static boolean isBlank(final CharSequence cs) {")
                .doesNotContain("Character.isWhitespace", "Checks if a CharSequence is empty")
                .endsWith("}");
    }

    @Test
    void undocumentedAbstractMethodsStayInTheInterfaceHeader() {
        Chunk matcher = Samples.find(chunker.chunk("StringUtils.java", Samples.read("StringUtils.java")),
                "StringUtils.Matcher");

        assertThat(matcher.content()).contains("boolean matches(String text);");
    }

    @Test
    void noFileChunkWhenEverythingIsInEntities() {
        List<Chunk> chunks = chunker.chunk("f.js", "function f() {\n  return 1;\n}\n");

        assertThat(chunks).extracting(Samples::describe).containsExactly("function f 1-3");
    }

    @Test
    void functionsInsideAnIifeOrModuleCallbackAreStillFound() {
        String source = """
                (function (global) {
                  function helper(x) {
                    return x;
                  }
                  global.api = { helper: helper };
                })(this);
                define(['dep'], function (dep) {
                  const run = () => dep.go();
                });
                """;
        List<Chunk> chunks = chunker.chunk("lib.js", source);

        assertThat(chunks).extracting(Samples::describe)
                .containsExactly("file lib.js 1-1", "file lib.js 5-7", "file lib.js 9-9", "function helper 2-4",
                        "function run 8-8");
    }

    @Test
    void languageIdsRoundTrip() {
        for (Language language : Language.values()) {
            assertThat(Language.fromId(language.id().toUpperCase(Locale.ROOT))).isEqualTo(language);
        }
        assertThatThrownBy(() -> Language.fromId("cobol"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("known:");
    }

    @Test
    void pythonPackageInitAndSourceRootMakeModuleNames() {
        assertThat(chunker.chunk("src/pkg/__init__.py", "def f():\n    pass\n").getFirst().entityId())
                .isEqualTo("pkg.f");
        assertThat(chunker.chunk("tool.py", "def f():\n    pass\n").getFirst().entityId())
                .isEqualTo("tool.f");
    }

    @Test
    void languageOverrideWins() {
        List<Chunk> chunks = chunker.chunk("script", "def main():\n    return 0\n", Language.PYTHON);

        assertThat(chunks).extracting(Samples::describe).containsExactly("function script.main 1-2 <script");
    }

    @Test
    void shebangDecidesTheLanguageOfAnExtensionlessScript() {
        List<Chunk> chunks = chunker.chunk("bin/tool", "#!/usr/bin/env python3\ndef main():\n    return 0\n");

        assertThat(chunks).extracting(Chunk::language).containsOnly(Language.PYTHON);
        assertThat(chunks).extracting(Chunk::entityId).contains("bin.tool.main");
    }
}
