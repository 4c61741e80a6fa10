package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.chunk.Windower.Line;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The summary a long entity's first chunk keeps: the doc's opening paragraph, before any detail block. */
class DocSummaryTest {

    private static List<Line> lines(String doc) {
        List<Line> out = new ArrayList<>();
        doc.lines().forEach(l -> out.add(new Line(out.size() + 1, l)));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            javadoc paragraph then <p>   | /**\\n * Abbreviates a String.\\n * More words here.\\n * <p>Details.\\n */                 | 3
            javadoc paragraph then blank | /**\\n * Abbreviates a String.\\n *\\n * @param str the string\\n */                     | 2
            javadoc opening with a tag   | /**\\n * @deprecated use other\\n */                                                      | 0
            javadoc all summary          | /**\\n * Abbreviates a String.\\n */                                                      | 3
            jsdoc then @example          | /**\\n * Creates a debounced function.\\n * @static\\n * @example\\n * f()\\n */           | 2
            go comment paragraphs        | // Do sends a request.\\n// It follows redirects.\\n//\\n// More detail.                  | 2
            python google style          | \"""Sends a request.\\n    Returns a response.\\n    Args:\\n        url: where\\n    \""" | 2
            python numpy style           | \"""Sends a request.\\n\\n    Parameters\\n    ----------\\n    url : str\\n    \"""       | 1
            python sphinx fields         | \"""Constructs a request.\\n    :param method: verb\\n    \"""                             | 1
            python doctest               | \"""Adds numbers.\\n    >>> add(1, 2)\\n    3\\n    \"""                                  | 1
            markdown heading in rustdoc  | /// Parses a date.\\n/// # Examples\\n/// parse()                                         | 1
            fenced example               | /**\\n * Parses a date.\\n * ```js\\n * parse()\\n * ```\\n */                           | 2
            """)
    void theSummaryIsTheOpeningParagraph(String kind, String doc, int summaryLines) {
        String text = doc.replace("\\n", "\n");
        assertThat(DocSummary.length(lines(text), TokenCounter.heuristic(), 100)).isEqualTo(summaryLines);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a long opening paragraph is capped by tokens | 20 | 4
            """)
    void aLongOpeningParagraphStopsAtTheTokenCap(String kind, int paragraphLines, int maxLines) {
        StringBuilder doc = new StringBuilder("/**\n");
        for (int i = 0; i < paragraphLines; i++) {
            doc.append(" * word").append(i).append(" and some more words that make a long sentence go on\n");
        }
        doc.append(" */");
        int summary = DocSummary.length(lines(doc.toString()), TokenCounter.heuristic(), 60);
        assertThat(summary).isBetween(2, maxLines);
    }
}
