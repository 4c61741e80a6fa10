package dev.codeindexer.text;

import java.util.Locale;

/**
 * Text from a repository made safe to print for a person: file names, symbol names and code may hold any character,
 * and printed raw a newline forges a result line, an ESC sequence moves the cursor, recolours, retitles or clears the
 * terminal, and a bidirectional override shows code in another order than it runs. Such characters are written as
 * escapes instead ({@code \n}, {@code \x1b}, {@code \u202e}), which makes them visible and harmless; every other
 * character, backslashes included, is printed as it is, so ordinary text reads unchanged. JSON output never goes
 * through here: it must stay exact, and JSON escapes control characters itself.
 */
public final class Printable {
    private Printable() {
    }

    /** A value printed on one line (a path, a name, a signature, a message): every control character escaped. */
    public static String field(String s) {
        return escape(s, false);
    }

    /** One line of code or text: as {@link #field}, but tabs, which only indent, are kept. */
    public static String line(String s) {
        return escape(s, true);
    }

    /**
     * Lines of code or text, each as {@link #line}, still separated by {@code \n}. A {@code \r} before a line break
     * is part of the break (CRLF files) and is dropped; anywhere else it is escaped, since it returns the cursor.
     */
    public static String lines(String text) {
        if (isClean(text, true, true)) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i < lines.length - 1 && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (i > 0) {
                out.append('\n');
            }
            out.append(escape(line, true));
        }
        return out.toString();
    }

    private static String escape(String s, boolean keepTab) {
        if (s == null || isClean(s, keepTab, false)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            if (!unsafe(c, keepTab, false)) {
                out.appendCodePoint(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x100) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", c));
            }
        });
        return out.toString();
    }

    private static boolean isClean(String s, boolean keepTab, boolean keepNewline) {
        for (int i = 0; i < s.length(); i++) {
            if (unsafe(s.charAt(i), keepTab, keepNewline)) {
                return false;
            }
        }
        return true;
    }

    /**
     * C0 controls and DEL, C1 controls (0x9b is an 8-bit CSI to some terminals), the Unicode line and paragraph
     * separators, and the bidirectional embeddings, overrides and isolates.
     */
    private static boolean unsafe(int c, boolean keepTab, boolean keepNewline) {
        if (c == '\t') {
            return !keepTab;
        }
        if (c == '\n') {
            return !keepNewline;
        }
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x2066 && c <= 0x2069);
    }
}
