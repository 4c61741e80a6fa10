package dev.codeindexer.chunk;

import dev.codeindexer.chunk.Windower.Line;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the summary of a doc comment or docstring: its opening paragraph, up to the first blank line or the first
 * block that is detail rather than summary (tags such as {@code @param}, {@code <p>}, {@code <pre>} and fenced
 * examples, docstring sections such as {@code Args:} or {@code Examples}). It is what a long entity's first chunk
 * keeps of its doc beside the signature; the rest is cut before any code is.
 */
final class DocSummary {

    /** Comment and string delimiters at the start of a doc line. */
    private static final Pattern OPENING = Pattern.compile("^(/\\*\\*+|/\\*!?|\\*+/?|///?!?|#+|[rRuUbB]{0,2}(\"\"\"|'''))");
    private static final Pattern CLOSING = Pattern.compile("(\\*+/|\"\"\"|''')$");
    /** Where detail starts: block tags, HTML blocks, code fences, doctests, reStructuredText fields and directives. */
    private static final Pattern DETAIL_START = Pattern.compile(
            "^(@\\w|#+\\s|<(p|pre|ul|ol|table|h\\d|blockquote|dl)\\b|```|~~~|>>>|:(param|type|return|rtype|raise|raises)\\b|\\.\\. )",
            Pattern.CASE_INSENSITIVE);
    /** Headings of Google- and NumPy-style docstring sections, alone on their line. */
    private static final Set<String> SECTIONS = Set.of("args", "arguments", "parameters", "params", "returns",
            "return", "yields", "raises", "throws", "example", "examples", "note", "notes", "see also", "attributes",
            "usage", "warning", "warnings", "references", "todo");

    private DocSummary() {
    }

    /**
     * How many of {@code doc}'s lines (one doc comment or docstring, in order) make its summary: at least the lines
     * up to its first words, then the rest of that paragraph while it costs at most {@code maxTokens}. Lines that
     * only close the comment after the summary are counted in, so that a doc that is all summary is kept whole.
     */
    static int length(List<Line> doc, TokenCounter counter, int maxTokens) {
        int tokens = 0;
        boolean started = false;
        for (int i = 0; i < doc.size(); i++) {
            String words = words(doc.get(i).text());
            boolean detail = !words.isEmpty() && isDetail(words);
            if (!started && detail) {
                return 0; // no summary: the doc opens with its details
            }
            if (started && (words.isEmpty() || detail)) {
                return onlyClosingAfter(doc, i) ? doc.size() : i;
            }
            tokens += counter.count(doc.get(i).text()) + 1;
            if (started && tokens > maxTokens) {
                return i;
            }
            started |= !words.isEmpty();
        }
        return doc.size();
    }

    /** A doc line without its indentation and comment or string delimiters. */
    static String words(String line) {
        String s = line.strip();
        s = OPENING.matcher(s).replaceFirst("").strip();
        return CLOSING.matcher(s).replaceFirst("").strip();
    }

    private static boolean isDetail(String words) {
        if (DETAIL_START.matcher(words).find()) {
            return true;
        }
        String heading = words.endsWith(":") ? words.substring(0, words.length() - 1) : words;
        return SECTIONS.contains(heading.strip().toLowerCase(java.util.Locale.ROOT))
                || !words.isEmpty() && words.chars().allMatch(c -> c == '-' || c == '=');
    }

    private static boolean onlyClosingAfter(List<Line> doc, int from) {
        for (int i = from; i < doc.size(); i++) {
            if (!words(doc.get(i).text()).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
