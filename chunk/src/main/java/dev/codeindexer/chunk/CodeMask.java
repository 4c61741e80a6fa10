package dev.codeindexer.chunk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a file's code is, as opposed to its comments and string literals, by the file's grammar: what tells a
 * reference in code from a mention in a comment. Markdown and plain text are no code; a file of another language
 * without a grammar (a shell script, YAML) is all code, as nothing tells its comments apart.
 */
public final class CodeMask {
    private static final CodeMask ALL_CODE = new CodeMask(null, new int[0]);
    private static final CodeMask NO_CODE = new CodeMask(null, null);

    private final SourceText source;
    /** Byte ranges of comments and strings, start/end pairs in source order. */
    private final int[] text;
    private int[] lineStarts;

    CodeMask(SourceText source, int[] text) {
        this.source = source;
        this.text = text == null ? null : disjoint(text);
    }

    static CodeMask allCode() {
        return ALL_CODE;
    }

    /** Prose: Markdown and plain text hold no code, whatever their examples spell. */
    static CodeMask noCode() {
        return NO_CODE;
    }

    /**
     * Whether the character at {@code column} (0-based, in UTF-16 units) of {@code line} (1-based) is code. Lines
     * are counted as the file's text has them, with any line-break convention.
     */
    public boolean isCode(int line, int column) {
        if (this == NO_CODE) {
            return false;
        }
        if (text.length == 0 || line < 1 || line > source.lineCount()) {
            return true;
        }
        String lineText = source.line(line);
        int column8 = lineText.substring(0, Math.clamp(column, 0, lineText.length()))
                .getBytes(StandardCharsets.UTF_8).length;
        int at = lineStart(line) + column8;
        // The last range starting at or before the position holds it, if any does (ranges do not overlap).
        int lo = 0;
        int hi = text.length / 2 - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (text[2 * mid] <= at) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 || at >= text[2 * found + 1];
    }

    private int lineStart(int line) {
        if (lineStarts == null) {
            byte[] bytes = source.bytes();
            int[] starts = new int[source.lineCount()];
            for (int i = 0, n = 0; i < bytes.length && n + 1 < starts.length; i++) {
                if (bytes[i] == '\n') {
                    starts[++n] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts[line - 1];
    }

    /** The ranges sorted and merged, so that they do not overlap (a comment inside a template string's code). */
    private static int[] disjoint(int[] ranges) {
        int n = ranges.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(ranges[2 * a], ranges[2 * b]));
        int[] out = new int[ranges.length];
        int m = 0;
        for (int i : order) {
            int start = ranges[2 * i];
            int end = ranges[2 * i + 1];
            if (m > 0 && start <= out[m - 1]) {
                out[m - 1] = Math.max(out[m - 1], end);
            } else {
                out[m++] = start;
                out[m++] = end;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
