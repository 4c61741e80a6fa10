package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For each language with a grammar, a real snippet and every chunk it must produce: type, qualified id, exact line
 * range and parent. Each row reads {@code "type id start-end <parent"}.
 */
class LanguageEntitiesTest {

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
                Arguments.of("StringUtils.java", Language.JAVA, List.of(
                        "file StringUtils.java 1-7",
                        "class StringUtils 9-61",
                        "constructor StringUtils.StringUtils 19-23 <StringUtils",
                        "method StringUtils.isBlank 25-39 <StringUtils",
                        "method StringUtils.lower 41-44 <StringUtils",
                        "class StringUtils.Match 46-51 <StringUtils",
                        "constructor StringUtils.Match.Match 48-50 <StringUtils.Match",
                        "enum StringUtils.Mode 53-53 <StringUtils",
                        "interface StringUtils.Matcher 55-60 <StringUtils",
                        // documented abstract method: a chunk; the undocumented one stays in the header
                        "method StringUtils.Matcher.find 56-57 <StringUtils.Matcher")),
                Arguments.of("geometry.py", Language.PYTHON, List.of(
                        "file geometry.py 1-5",
                        "file geometry.py 36-37",
                        "class geometry.Point 8-27 <geometry",
                        "constructor geometry.Point.__init__ 15-17 <geometry.Point",
                        "method geometry.Point.norm 19-23 <geometry.Point",
                        "class geometry.Point.Builder 25-27 <geometry.Point",
                        "method geometry.Point.Builder.build 26-27 <geometry.Point.Builder",
                        // the nested square() stays inside area()
                        "function geometry.area 30-33 <geometry")),
                Arguments.of("greeter.js", Language.JAVASCRIPT, List.of(
                        "file greeter.js 1-2",
                        "file greeter.js 33-33",
                        "function add 4-9",
                        "class Greeter 11-23",
                        "constructor Greeter.constructor 12-15 <Greeter",
                        "method Greeter.greet 17-20 <Greeter",
                        "method Greeter.create 22-22 <Greeter",
                        "function mul 25-25",
                        "function handler 27-29",
                        "function main 31-31")),
                Arguments.of("shapes.ts", Language.TYPESCRIPT, List.of(
                        "file shapes.ts 1-1",
                        "file shapes.ts 7-7",
                        "file shapes.ts 34-34",
                        "file shapes.ts 36-36",
                        "interface Shape 3-5",
                        "enum Color 9-12",
                        "class Circle 14-26",
                        "constructor Circle.constructor 19-21 <Circle",
                        "method Circle.area 23-25 <Circle",
                        "function total 28-30",
                        "function double 32-32",
                        "function Geo.dist 35-35 <Geo",
                        "class Base 38-40")),
                Arguments.of("Hello.tsx", Language.TSX, List.of(
                        "file Hello.tsx 1-1",
                        "interface Props 3-5",
                        "function Hello 7-10",
                        "function Bye 12-14",
                        "class Counter 16-20",
                        "method Counter.render 17-19 <Counter")),
                Arguments.of("server.go", Language.GO, List.of(
                        "file server.go 1-6",
                        "file server.go 18-18",
                        "struct Server 8-11",
                        "interface Handler 13-16",
                        "method (*Server).Serve 20-24 <Server",
                        "method Server.Addr 26-26 <Server",
                        "function New 28-31",
                        "function Generic 33-33")),
                Arguments.of("shapes.rs", Language.RUST, List.of(
                        "file shapes.rs 1-1",
                        "file shapes.rs 20-20",
                        "file shapes.rs 25-27",
                        "file shapes.rs 31-31",
                        "file shapes.rs 37-38",
                        "file shapes.rs 44-44",
                        "struct Point 3-7",
                        "enum Shape 9-11",
                        "trait Area 13-18",
                        "method Area.name 15-17 <Area",
                        "method Point.new 21-24 <Point",
                        "method Point.fmt 28-30 <Point",
                        "function add 33-35",
                        "function tests.it_adds 40-43 <tests")),
                Arguments.of("point.c", Language.C, List.of(
                        "file point.c 1-4",
                        "struct point 6-10",
                        "struct size_t2 12-14",
                        "enum color 16-16",
                        "struct value 18-18",
                        "function add 20-25",
                        "function make 27-29",
                        "function main 31-34")),
                Arguments.of("shape.cpp", Language.CPP, List.of(
                        "file shape.cpp 1-4",
                        "file shape.cpp 33-33",
                        "class geo.Shape 6-15 <geo",
                        "constructor geo.Shape.Shape 9-9 <geo.Shape",
                        "method geo.Shape.~Shape 10-10 <geo.Shape",
                        "method geo.Shape.sides 12-12 <geo.Shape",
                        "struct geo.Point 17-20 <geo",
                        "method geo.Point.len 22-24 <geo.Point",
                        "function geo.maxOf 26-29 <geo",
                        "enum geo.Color 31-31 <geo",
                        "function main 35-37")),
                Arguments.of("Shape.cs", Language.CSHARP, List.of(
                        "file Shape.cs 1-5",
                        "file Shape.cs 38-38",
                        "class Shape 6-26",
                        "constructor Shape.Shape 12-15 <Shape",
                        "method Shape.Area 17-18 <Shape",
                        "class Shape.Nested 22-25 <Shape",
                        "method Shape.Nested.Deep 24-24 <Shape.Nested",
                        "interface IShape 28-31",
                        "struct Point 33-33",
                        "enum Color 35-35",
                        "class Person 37-37")),
                Arguments.of("point.rb", Language.RUBY, List.of(
                        "file point.rb 1-1",
                        "file point.rb 28-28",
                        "module Geo 3-22",
                        "class Geo.Point 5-21 <Geo",
                        "constructor Geo.Point.initialize 9-11 <Geo.Point",
                        "method Geo.Point.dist 13-16 <Geo.Point",
                        "method Geo.Point.origin 18-20 <Geo.Point",
                        "function helper 24-26")),
                Arguments.of("User.php", Language.PHP, List.of(
                        "file User.php 1-5",
                        "class User 7-25",
                        "constructor User.__construct 15-18 <User",
                        "method User.getName 20-24 <User",
                        "interface HasName 27-30",
                        "trait Greets 32-35",
                        "method Greets.greet 34-34 <Greets",
                        "enum Suit 37-40",
                        "function helper 42-45")),
                Arguments.of("Circle.kt", Language.KOTLIN, List.of(
                        "file Circle.kt 1-3",
                        "class Circle 5-13",
                        "method Circle.area 8-8 <Circle",
                        "class Circle.Companion 10-12 <Circle",
                        "method Circle.Companion.unit 11-11 <Circle.Companion",
                        "interface Shape 15-17",
                        "enum Color 19-19",
                        "class Registry 21-23",
                        "method Registry.register 22-22 <Registry",
                        "class Box 25-30",
                        "constructor Box.constructor 26-26 <Box",
                        "method Box.open 27-29 <Box",
                        "function main 32-34")),
                Arguments.of("Shapes.scala", Language.SCALA, List.of(
                        "file Shapes.scala 1-3",
                        "trait Shape 5-8",
                        "class Circle 10-12",
                        "method Circle.area 11-11 <Circle",
                        "class Circle 14-16",
                        "method Circle.unit 15-15 <Circle",
                        "class Box 18-23",
                        "constructor Box.this 19-19 <Box",
                        "method Box.open 20-22 <Box",
                        "enum Color 25-27",
                        "function topLevel 29-29")));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("samples")
    void extractsEveryEntityWithIdTypeRangeAndParent(String file, Language language, List<String> expected) {
        List<Chunk> chunks = chunker.chunk(file, Samples.read(file));

        assertThat(chunks).extracting(Samples::describe).containsExactlyElementsOf(expected);
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.language()).isEqualTo(language);
            assertThat(chunk.filePath()).isEqualTo(file);
        });
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("samples")
    void everyLineWithTextBelongsToSomeChunk(String file, Language language, List<String> expected) {
        String source = Samples.read(file);
        List<Chunk> chunks = chunker.chunk(file, source);

        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String text = lines[i];
            if (text.isBlank()) {
                continue;
            }
            assertThat(chunks)
                    .as("line %d '%s'", number, text)
                    .anySatisfy(chunk -> {
                        assertThat(number).isBetween(chunk.startLine(), chunk.endLine());
                        assertThat(chunk.content().lines().toList()).contains(text);
                    });
        }
    }
}
