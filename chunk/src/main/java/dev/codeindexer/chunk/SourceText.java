package dev.codeindexer.chunk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's text normalized once for everything downstream: line breaks become {@code \n} (tree-sitter counts rows
 * by {@code \n} only, and chunk content should not carry {@code \r}), a leading byte-order mark is dropped, and
 * unpaired surrogates become U+FFFD so the UTF-8 bytes tree-sitter sees are exactly {@link #bytes()}.
 */
final class SourceText {

    private final String text;
    private final List<String> lines;
    private byte[] utf8;

    private SourceText(String text) {
        this.text = text;
        this.lines = splitLines(text);
    }

    static SourceText of(String raw) {
        return new SourceText(normalize(raw));
    }

    String text() {
        return text;
    }

    /** The text's UTF-8 encoding; tree-sitter byte offsets index into it. */
    byte[] bytes() {
        if (utf8 == null) {
            utf8 = text.getBytes(StandardCharsets.UTF_8);
        }
        return utf8;
    }

    /** The text between two tree-sitter byte offsets, clamped to the text. */
    String slice(int startByte, int endByte) {
        byte[] b = bytes();
        int start = Math.clamp(startByte, 0, b.length);
        int end = Math.clamp(endByte, start, b.length);
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    int lineCount() {
        return lines.size();
    }

    /** Line {@code number}, 1-based, without its line break. */
    String line(int number) {
        return lines.get(number - 1);
    }

    boolean isBlank() {
        return text.isBlank();
    }

    private static List<String> splitLines(String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                result.add(text.substring(start, i));
                start = i + 1;
            }
        }
        // A final line break does not open another line.
        if (start < text.length() || result.isEmpty()) {
            result.add(text.substring(start));
        }
        return result;
    }

    static String normalize(String raw) {
        int from = !raw.isEmpty() && raw.charAt(0) == '\uFEFF' ? 1 : 0;
        StringBuilder out = null;
        for (int i = from; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String replacement = null;
            int skip = 0;
            if (c == '\r') {
                replacement = "\n";
                skip = i + 1 < raw.length() && raw.charAt(i + 1) == '\n' ? 1 : 0;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                    if (out != null) {
                        out.append(c).append(raw.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
                replacement = "\uFFFD";
            } else if (Character.isLowSurrogate(c)) {
                replacement = "\uFFFD";
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(raw.length());
                    out.append(raw, from, i);
                }
                out.append(replacement);
                i += skip;
            } else if (out != null) {
                out.append(c);
            }
        }
        if (out != null) {
            return out.toString();
        }
        return from == 0 ? raw : raw.substring(from);
    }
}
