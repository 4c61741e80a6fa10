package dev.codeindexer.chunk.walk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** gitignore pattern semantics, one rule against one path (relative to the ignore file's directory). */
class IgnorePatternTest {

    @ParameterizedTest(name = "''{0}'' vs {1} (dir={2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            *.log           | app.log              | false | true
            *.log           | deep/down/app.log    | false | true
            *.log           | app.log.txt          | false | false
            /todo.txt       | todo.txt             | false | true
            /todo.txt       | sub/todo.txt         | false | false
            doc/frotz       | doc/frotz            | false | true
            doc/frotz       | a/doc/frotz          | false | false
            build/          | build                | true  | true
            build/          | build                | false | false
            build/          | src/build            | true  | true
            **/cache        | cache                | true  | true
            **/cache        | a/b/cache            | false | true
            logs/**         | logs/a/b.txt         | false | true
            logs/**         | logs                 | true  | false
            a/**/b          | a/b                  | false | true
            a/**/b          | a/x/y/b              | false | true
            a/**/b          | x/a/b                | false | false
            foo*bar         | foo_x_bar            | false | true
            foo*bar         | foo/bar              | false | false
            file?.txt       | file1.txt            | false | true
            file?.txt       | file10.txt           | false | false
            file[0-9].txt   | file7.txt            | false | true
            file[!0-9].txt  | file7.txt            | false | false
            file[!0-9].txt  | fileA.txt            | false | true
            \\#notcomment   | #notcomment          | false | true
            \\!important    | !important           | false | true
            'trailing\\ \\ ' | 'trailing  '         | false | true
            a**b            | axxb                 | false | true
            """)
    void matches(String rule, String path, boolean directory, boolean expected) {
        IgnorePattern pattern = IgnorePattern.parse(rule);

        assertThat(pattern).isNotNull();
        assertThat(pattern.matches(path, directory)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            "   "
            "# comment"
            "!"
            "/"
            """)
    void blankCommentAndEmptyRulesAreNoRules(String line) {
        assertThat(IgnorePattern.parse(line)).isNull();
    }

    @ParameterizedTest
    @CsvSource({"!keep.log, true", "keep.log, false"})
    void negationIsAFlag(String line, boolean negated) {
        assertThat(IgnorePattern.parse(line).negated()).isEqualTo(negated);
    }
}
