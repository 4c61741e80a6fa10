package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.chunk.walk.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the bytes, chunking yields well-formed chunks and does not throw. */
class MalformedInputTest {

    private static Chunker chunker;

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    static Stream<String> sampleFiles() {
        return Stream.of("StringUtils.java", "geometry.py", "greeter.js", "shapes.ts", "Hello.tsx", "server.go",
                "shapes.rs", "point.c", "shape.cpp", "Shape.cs", "point.rb", "User.php", "Circle.kt", "Shapes.scala");
    }

    /** Well-formed: ranges inside the file, content present, budget kept. */
    private static void assertWellFormed(List<Chunk> chunks, String source) {
        int lines = Math.max(1, (int) source.lines().count());
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.endLine()).isLessThanOrEqualTo(lines);
            assertThat(chunk.content()).isNotBlank();
            assertThat(TokenCounter.heuristic().count(chunk.content())).isLessThanOrEqualTo(400);
        });
    }

    @Test
    void syntaxErrorsStillYieldEntitiesAndKeepEveryLine() {
        String source = """
                package broken;

                public class Broken {
                    void ok() { return; }
                    void missingBrace( {
                        int x = ;
                    }
                    void alsoOk() {}
                """;
        List<Chunk> chunks = chunker.chunk("Broken.java", source);

        assertWellFormed(chunks, source);
        assertThat(chunks).extracting(Chunk::entityId).contains("Broken.ok");
        String all = String.join("\n", chunks.stream().map(Chunk::content).toList());
        assertThat(all).contains("int x = ;", "void alsoOk() {}", "package broken;");
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementCharacters() {
        byte[] bytes = "def f():\n    return 'caf\u00e9'\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 4] = (byte) 0xC3;
        bytes[bytes.length - 3] = (byte) 0x28;
        String text = SourceFile.decode(bytes);
        List<Chunk> chunks = chunker.chunk("f.py", text);

        assertThat(chunks).extracting(Samples::describe).containsExactly("function f.f 1-2 <f");
        assertThat(chunks.getFirst().content()).contains("\uFFFD");
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void crlfGivesTheSameChunksAsLf(String file) {
        String lf = Samples.read(file);
        String crlf = lf.replace("\n", "\r\n");

        assertThat(chunker.chunk(file, crlf)).isEqualTo(chunker.chunk(file, lf));
    }

    @Test
    void oldMacLineBreaksCountAsLines() {
        List<Chunk> chunks = chunker.chunk("a.js", "// one\rfunction f() {\r  return 1;\r}\r");

        assertThat(chunks).extracting(Samples::describe).containsExactly("function f 1-4");
    }

    @Test
    void tabsDoNotShiftLines() {
        String source = "package x\n\nfunc A() {\n\tif true {\n\t\treturn\n\t}\n}\n\n\tfunc B() {}\n";
        List<Chunk> chunks = chunker.chunk("x.go", source);

        assertThat(chunks).extracting(Samples::describe)
                .containsExactly("file x.go 1-1", "function A 3-7", "function B 9-9");
    }

    @Test
    void aFiftyThousandCharacterLineStillYieldsChunksWithinBudget() {
        String huge = "x".repeat(50_000);
        String source = "class A {\n  String s = \"" + huge + "\";\n  void m() {}\n}\n";
        List<Chunk> chunks = chunker.chunk("A.java", source);

        assertWellFormed(chunks, source);
        String joined = String.join("", chunks.stream().map(Chunk::content).toList());
        assertThat(joined.chars().filter(c -> c == 'x').count()).isGreaterThanOrEqualTo(50_000);
    }

    @Test
    void aMinifiedBundleIsWindowedRatherThanRepeatedPerFunction() {
        StringBuilder bundle = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            bundle.append("function f").append(i).append("(a){return a+").append(i).append("};");
        }
        List<Chunk> chunks = chunker.chunk("app.js", bundle.toString());

        assertThat(chunks).allSatisfy(c -> assertThat(c.entityType()).isEqualTo(EntityType.WINDOW));
        int total = chunks.stream().mapToInt(c -> c.content().length()).sum();
        assertThat(total).isLessThan(bundle.length() * 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "   \n\t\n", "\uFEFF"})
    void emptyOrBlankFilesYieldNoChunks(String content) {
        assertThat(chunker.chunk("Empty.java", content)).isEmpty();
        assertThat(chunker.chunk("empty.md", content)).isEmpty();
    }

    @Test
    void nulCharactersAndLoneSurrogatesAreTolerated() {
        String source = "function f() {\n  return \"\u0000\";\n}\nfunction g() { return '\uD800'; }\n";
        List<Chunk> chunks = chunker.chunk("a.js", source);

        assertThat(chunks).extracting(Samples::describe).containsExactly("function f 1-3", "function g 4-4");
        assertThat(chunks.getLast().content()).contains("\uFFFD");
    }

    @Test
    void deeplyNestedSourceDoesNotOverflowTheStack() {
        String source = "const x = " + "[".repeat(20_000) + "]".repeat(20_000) + ";\nfunction after() {}\n";
        List<Chunk> chunks = chunker.chunk("deep.js", source);

        assertThat(chunks).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void randomlyMangledSourceNeverThrows(String file) {
        String source = Samples.read(file);
        Random random = new Random(file.hashCode());
        for (int round = 0; round < 40; round++) {
            StringBuilder mangled = new StringBuilder(source);
            for (int edit = 0; edit < 1 + random.nextInt(6); edit++) {
                int at = random.nextInt(mangled.length() + 1);
                int length = Math.min(random.nextInt(40), mangled.length() - at);
                switch (random.nextInt(4)) {
                    case 0 -> mangled.delete(at, at + length);
                    case 1 -> mangled.insert(at, source, 0, Math.min(length, source.length()));
                    case 2 -> mangled.insert(at, "{(\"'/*");
                    default -> mangled.insert(at, (char) random.nextInt(0x3000));
                }
            }
            String text = mangled.toString();
            List<Chunk> chunks = chunker.chunk(file, text);
            assertWellFormed(chunks, text);
        }
    }
}
