package dev.codeindexer.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void ordinaryTextIsPrintedAsItIs() {
        String text = "src/Main.java  método Ünïcode 名前 \\n stays a backslash and an n";
        assertThat(Printable.field(text)).isSameAs(text);
        assertThat(Printable.lines("a\n\tb\n")).isEqualTo("a\n\tb\n");
    }

    @Test
    void controlCharactersInAFieldBecomeVisibleEscapes() {
        assertThat(Printable.field("evil\n1. forged.java:1-2\u001b[2J\r\t\u0007\u007f\u009b"))
                .isEqualTo("evil\\n1. forged.java:1-2\\x1b[2J\\r\\t\\x07\\x7f\\x9b");
        assertThat(Printable.field("admin\u202e//gnp.js\u2066")).isEqualTo("admin\\u202e//gnp.js\\u2066");
    }

    @Test
    void linesOfCodeKeepTheirBreaksTabsAndCrlfButNotEscapes() {
        assertThat(Printable.lines("if x:\r\n\tprint('\u001b[31mred')\r\nend")).isEqualTo("if x:\n\tprint('\\x1b[31mred')\nend");
        assertThat(Printable.lines("over\rwritten\n")).isEqualTo("over\\rwritten\n");
        assertThat(Printable.line("\tkept\u001b")).isEqualTo("\tkept\\x1b");
    }
}
