package dev.codeindexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.search.SearchHit.Excerpt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityCodeTest {
    /** A file: a 20-line Javadoc (lines 1-20), the signature (21), a body (22-199), the closing brace (200). */
    private static List<String> longMethod() {
        List<String> lines = new ArrayList<>();
        lines.add("/**");
        for (int i = 2; i <= 19; i++) {
            lines.add(" * example " + i);
        }
        lines.add(" */");
        lines.add("public static String abbreviate(String s, int max) {");
        for (int i = 22; i <= 199; i++) {
            lines.add("    step" + i + "();");
        }
        lines.add("}");
        return lines;
    }

    private static SearchHit hit(long start, long end, long matchStart, long matchEnd) {
        return new SearchHit("A.java", start, end, matchStart, matchEnd, "java", "method", "A.abbreviate", 1f, "id",
                "stored window", null);
    }

    @Test
    void aShortEntityIsShownWhole() {
        List<String> lines = List.of("/** Doc. */", "void run() {", "  go();", "}");
        SearchHit shown = EntityCode.shown(hit(1, 4, 3, 4), lines);
        assertThat(shown.excerpts()).containsExactly(new Excerpt(1, 4));
        assertThat(shown.content()).isEqualTo("/** Doc. */\nvoid run() {\n  go();\n}\n");
    }

    @Test
    void aLongEntityShowsItsDocSummaryItsSignatureAndTheMatchedPart() {
        // The store ranked a window of Javadoc examples: the hit must still hold the declaration.
        SearchHit docWindow = EntityCode.shown(hit(1, 200, 2, 19), longMethod());
        assertThat(docWindow.excerpts()).containsExactly(new Excerpt(1, 3), new Excerpt(21, 21));
        assertThat(docWindow.content()).contains("public static String abbreviate(String s, int max) {")
                .contains(SearchHit.GAP).doesNotContain("step22");

        SearchHit bodyWindow = EntityCode.shown(hit(1, 200, 120, 180), longMethod());
        assertThat(bodyWindow.excerpts()).containsExactly(new Excerpt(1, 3), new Excerpt(21, 21),
                new Excerpt(120, 120 + EntityCode.MATCH_LINES - 1));
        assertThat(bodyWindow.content().lines().filter(SearchHit.GAP::equals)).hasSize(2);
        assertThat(bodyWindow.content()).contains("step120();").doesNotContain("step119();");
    }

    @Test
    void aDeclarationOverSeveralLinesIsKeptWhole() {
        List<String> lines = new ArrayList<>(List.of("def resolve_redirects(", "    self,", "    resp,",
                "    stream=False,", "):", "    \"\"\"Follows redirects.\"\"\""));
        for (int i = 7; i <= 120; i++) {
            lines.add("    step" + i + "()");
        }
        SearchHit shown = EntityCode.shown(hit(1, 120, 90, 100), lines);
        assertThat(shown.excerpts()).containsExactly(new Excerpt(1, 5), new Excerpt(90, 100));
        assertThat(EntityCode.signatureEnd(List.of("void run() {", "}"), 1, 2)).isEqualTo(1);
        assertThat(EntityCode.signatureEnd(List.of("@Override", "x"), 2, 2)).isEqualTo(2);
    }

    @Test
    void theSignatureIsTheFirstLineThatIsNotACommentOrAnAnnotation() {
        List<String> lines = List.of("/**", " * Doc.", " */", "@Override", "public void run() {", "}");
        assertThat(EntityCode.signatureLine(lines, 1, 6)).isEqualTo(5);
        assertThat(EntityCode.signatureLine(List.of("def run(self):", "    \"\"\"Doc.\"\"\"", "    go()"), 1, 3))
                .isEqualTo(1);
    }
}
