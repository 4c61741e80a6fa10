package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The symbols {@link Chunker#analyze} finds in the per-language samples: every definition, nested and body-less
 * ones included, with kind, qualified name, the line of its name, its range and parent. Each row reads
 * {@code "kind qualified line start-end <parent | signature"}.
 */
class SymbolExtractionTest {
    private static final List<String> SAMPLES = List.of("StringUtils.java", "geometry.py", "greeter.js", "shapes.ts",
            "Hello.tsx", "server.go", "shapes.rs", "point.c", "shape.cpp", "Shape.cs", "point.rb", "User.php",
            "Circle.kt", "Shapes.scala");

    private static Chunker chunker;

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("StringUtils.java", List.of(
                        // the annotation line starts the range; the name's line is where ctags puts it
                        "class StringUtils 13 12-61 | public class StringUtils",
                        "constructor StringUtils.StringUtils 22 22-23 <StringUtils | public StringUtils()",
                        "method StringUtils.isBlank 31 31-39 <StringUtils | public static boolean isBlank(final CharSequence cs)",
                        "method StringUtils.lower 42 41-44 <StringUtils | public static String lower(String s)",
                        "class StringUtils.Match 47 47-51 <StringUtils | public record Match(int start, int end)",
                        "constructor StringUtils.Match.Match 48 48-50 <StringUtils.Match | public Match",
                        "enum StringUtils.Mode 53 53-53 <StringUtils | enum Mode",
                        "interface StringUtils.Matcher 55 55-60 <StringUtils | interface Matcher",
                        "method StringUtils.Matcher.find 57 57-57 <StringUtils.Matcher | Match find(String text);",
                        // undocumented and body-less: no chunk of its own, but a symbol
                        "method StringUtils.Matcher.matches 59 59-59 <StringUtils.Matcher | boolean matches(String text);")),
                Arguments.of("geometry.py", List.of(
                        "class geometry.Point 9 8-27 <geometry | class Point",
                        "constructor geometry.Point.__init__ 15 15-17 <geometry.Point | def __init__(self, x, y)",
                        "method geometry.Point.norm 21 20-23 <geometry.Point | def norm(self) -> float",
                        "class geometry.Point.Builder 25 25-27 <geometry.Point | class Builder",
                        "method geometry.Point.Builder.build 26 26-27 <geometry.Point.Builder | def build(self)",
                        "function geometry.area 30 30-33 <geometry | async def area(radius)",
                        // nested in a function body: a symbol, though it stays in area's chunk
                        "function geometry.area.square 31 31-32 <geometry.area | def square(v)")),
                Arguments.of("greeter.js", List.of(
                        "function add 7 7-9 | function add(a, b)",
                        "class Greeter 11 11-23 | export class Greeter extends Base",
                        "constructor Greeter.constructor 12 12-15 <Greeter | constructor(name)",
                        "method Greeter.greet 18 18-20 <Greeter | greet()",
                        "method Greeter.create 22 22-22 <Greeter | static create()",
                        "function mul 25 25-25 | export const mul = (a, b) =>",
                        "function handler 27 27-29 | const handler = async function (req)",
                        "function main 31 31-31 | export default function main()")),
                Arguments.of("shapes.ts", List.of(
                        "interface Shape 3 3-5 | export interface Shape",
                        "method Shape.area 4 4-4 <Shape | area(): number",
                        "type Id 7 7-7 | export type Id = string | number;",
                        "enum Color 9 9-12 | export enum Color",
                        "class Circle 16 15-26 | export class Circle implements Shape",
                        "constructor Circle.constructor 19 19-21 <Circle | constructor(r: number)",
                        "method Circle.area 23 23-25 <Circle | area(): number",
                        "function total 28 28-30 | export function total(shapes: Shape[]): number",
                        "function double 32 32-32 | export const double = (n: number): number =>",
                        "function Geo.dist 35 35-35 <Geo | export function dist(): number",
                        "class Base 38 38-40 | abstract class Base",
                        "method Base.run 39 39-39 <Base | abstract run(): void")),
                Arguments.of("server.go", List.of(
                        "struct Server 9 9-11 | type Server struct",
                        "interface Handler 14 14-16 | type Handler interface",
                        "type ID 18 18-18 | type ID int",
                        // the receiver's pointer is not part of the qualified name: Server.Serve is how one asks
                        "method Server.Serve 21 21-24 <Server | func (s *Server) Serve() error",
                        "method Server.Addr 26 26-26 <Server | func (s Server) Addr() string",
                        "function New 29 29-31 | func New(addr string) *Server",
                        "function Generic 33 33-33 | func Generic[T any](x T) T")),
                Arguments.of("Shapes.scala", List.of(
                        "trait Shape 6 6-8 | trait Shape",
                        "method Shape.area 7 7-7 <Shape | def area: Double",
                        "class Circle 10 10-12 | case class Circle(r: Double) extends Shape",
                        "method Circle.area 11 11-11 <Circle | def area: Double",
                        "class Circle 14 14-16 | object Circle",
                        "method Circle.unit 15 15-15 <Circle | def unit(): Circle",
                        "class Box 18 18-23 | class Box(w: Int)",
                        "constructor Box.this 19 19-19 <Box | def this()",
                        "method Box.open 20 20-22 <Box | def open(): Unit",
                        "enum Color 25 25-27 | enum Color",
                        "function topLevel 29 29-29 | def topLevel(x: Int): Int")));
    }

    private static String describe(Symbol s) {
        return s.kind() + " " + s.qualifiedName() + " " + s.line() + " " + s.startLine() + "-" + s.endLine()
                + (s.parent() == null ? "" : " <" + s.parent()) + " | " + s.signature();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void findsEveryDefinitionWithKindNameLineRangeParentAndSignature(String file, List<String> expected) {
        List<Symbol> symbols = chunker.analyze(file, Samples.read(file)).symbols();

        assertThat(symbols).extracting(SymbolExtractionTest::describe).containsExactlyElementsOf(expected);
        assertThat(symbols).allSatisfy(s -> {
            assertThat(s.filePath()).isEqualTo(file);
            assertThat(s.qualifiedName()).endsWith(s.name());
        });
    }

    @Test
    void analyzingGivesTheSameChunksAsChunkingForEverySample() {
        for (String file : SAMPLES) {
            String source = Samples.read(file);
            FileAnalysis analysis = chunker.analyze(file, source);
            assertThat(analysis.chunks()).as(file).isEqualTo(chunker.chunk(file, source));
            assertThat(analysis.symbols()).as(file).isNotEmpty();
        }
    }

    @Test
    void aDefinitionNestedInALeafBodyIsASymbolButNoChunk() {
        String source = """
                public class Outer {
                    void run() {
                        Runnable r = new Runnable() {
                            @Override
                            public void run() {
                            }
                        };
                    }
                }
                """;
        FileAnalysis analysis = chunker.analyze("Outer.java", source);

        assertThat(analysis.chunks()).extracting(Chunk::entityId).containsExactly("Outer", "Outer.run");
        assertThat(analysis.symbols()).extracting(SymbolExtractionTest::describe).containsExactly(
                "class Outer 1 1-9 | public class Outer",
                "method Outer.run 2 2-8 <Outer | void run()",
                // a method of an anonymous class: a method, under the method that holds it
                "method Outer.run.run 5 4-6 <Outer.run | public void run()");
    }

    @Test
    void javaScriptAssignmentsAndImmediateCallsDefineFunctionsAndMethods() {
        String source = """
                function Hash(entries) {
                  var size = 0;
                  size = function(n) { return n; };
                }
                Hash.prototype.clear = hashClear;
                Hash.prototype.get = function(key) {
                  return key;
                };
                var baseCreate = (function() {
                  function object() {}
                  return function(proto) { return proto; };
                }());
                var notAFunction = compute();
                """;
        FileAnalysis analysis = chunker.analyze("_Hash.js", source);

        assertThat(analysis.chunks()).isEqualTo(chunker.chunk("_Hash.js", source));
        assertThat(analysis.symbols()).extracting(SymbolExtractionTest::describe).containsExactly(
                "function Hash 1 1-4 | function Hash(entries)",
                "function Hash.size 3 3-3 <Hash | size = function(n)",
                "method Hash.clear 5 5-5 <Hash | Hash.prototype.clear = hashClear",
                "method Hash.get 6 6-8 <Hash | Hash.prototype.get = function(key)",
                "function baseCreate 9 9-12 | var baseCreate = (function()",
                // a symbol that is no chunk is no scope either
                "function object 10 10-10 | function object()");
    }

    @Test
    void theElementsOfAJavaAnnotationTypeAreMethods() {
        String source = "public @interface GwtCompatible {\n    boolean serializable() default false;\n}\n";
        assertThat(chunker.analyze("GwtCompatible.java", source).symbols())
                .extracting(SymbolExtractionTest::describe).containsExactly(
                        "interface GwtCompatible 1 1-3 | public @interface GwtCompatible",
                        "method GwtCompatible.serializable 2 2-2 <GwtCompatible | boolean serializable() default false;");
    }

    @Test
    void pythonLambdasAndTypeScriptConstructSignaturesAreDefinitions() {
        assertThat(chunker.analyze("auth.py", "def digest():\n    KD = lambda s, d: s + d\n    return KD\n").symbols())
                .extracting(SymbolExtractionTest::describe).containsExactly(
                        "function auth.digest 1 1-3 <auth | def digest()",
                        "function auth.digest.KD 2 2-2 <auth.digest | KD = lambda s, d");
        assertThat(chunker.analyze("errors.ts", "export interface ErrorCtor {\n  new (message: string): Error;\n}\n")
                .symbols()).extracting(SymbolExtractionTest::describe).containsExactly(
                        "interface ErrorCtor 1 1-3 | export interface ErrorCtor",
                        "constructor ErrorCtor.new 2 2-2 <ErrorCtor | new (message: string): Error");
    }

    @Test
    void aLongMultiLineSignatureIsJoinedOnOneLineAndCut() {
        String params = String.join(",\n        ", java.util.Collections.nCopies(40, "final String argument"));
        String source = "class A {\n    void many(" + params + ") {\n    }\n}\n";
        Symbol many = chunker.analyze("A.java", source).symbols().get(1);

        assertThat(many.signature()).startsWith("void many(final String argument, final String argument,")
                .hasSizeLessThanOrEqualTo(Signatures.MAX_CHARS).endsWith("…").doesNotContain("\n");
    }

    @Test
    void aFileWithoutGrammarHasChunksButNoSymbols() {
        FileAnalysis analysis = chunker.analyze("README.md", "# Title\n\nSome text.\n");
        assertThat(analysis.chunks()).isNotEmpty();
        assertThat(analysis.symbols()).isEmpty();
    }
}
