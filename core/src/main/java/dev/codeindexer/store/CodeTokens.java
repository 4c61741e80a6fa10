package dev.codeindexer.store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Code-aware tokens for lexical search: words and identifiers, lower-cased, each identifier kept whole and also
 * split at camelCase, snake_case, kebab-case and letter/digit boundaries ({@code parseHTTPDate2} gives
 * {@code parsehttpdate2, parse, http, date, 2}). Backends whose full-text analysis happens on a server (Milvus's
 * BM25) index and query {@link #expand(String)} so that they match like the Lucene store does.
 */
public final class CodeTokens {
    private CodeTokens() {
    }

    /** The tokens of {@code text}, in order of first appearance, without repeats within an identifier. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            out.addAll(identifier(text.substring(start, i)));
        }
        return out;
    }

    /**
     * The tokens of one identifier (a run of {@link #isWordChar word characters}): the whole, lower-cased and without
     * leading or trailing underscores, then its parts, without repeats ({@code parse_Http} gives
     * {@code parse_http, parse, http}; {@code parse} gives {@code parse}).
     */
    public static List<String> identifier(String word) {
        if (isPlainLowerCase(word)) {
            return List.of(word); // most words of code and prose: one token, nothing to split or lower-case
        }
        List<String> out = new ArrayList<>(4);
        addIdentifier(word, out);
        return out;
    }

    /** {@link #tokens} joined by spaces: text that any whitespace analyzer tokenises into the same terms. */
    public static String expand(String text) {
        return String.join(" ", tokens(text));
    }

    private static void addIdentifier(String word, List<String> out) {
        Set<String> parts = new LinkedHashSet<>();
        int from = 0;
        int to = word.length();
        while (from < to && word.charAt(from) == '_') {
            from++;
        }
        while (to > from && word.charAt(to - 1) == '_') {
            to--;
        }
        if (from < to) {
            parts.add(word.substring(from, to).toLowerCase(Locale.ROOT));
        }
        StringBuilder part = new StringBuilder();
        int prev = 0;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            int next = i + Character.charCount(cp) < word.length() ? word.codePointAt(i + Character.charCount(cp)) : 0;
            boolean boundary = part.length() > 0 && (cp == '_'
                    || (Character.isUpperCase(cp) && Character.isLowerCase(prev))
                    || (Character.isUpperCase(cp) && Character.isUpperCase(prev) && Character.isLowerCase(next))
                    || (Character.isDigit(cp) != Character.isDigit(prev)));
            if (boundary) {
                parts.add(part.toString().toLowerCase(Locale.ROOT));
                part.setLength(0);
            }
            if (cp != '_') {
                part.appendCodePoint(cp);
            }
            prev = cp;
            i += Character.charCount(cp);
        }
        if (part.length() > 0) {
            parts.add(part.toString().toLowerCase(Locale.ROOT));
        }
        parts.remove("");
        out.addAll(parts);
    }

    private static boolean isPlainLowerCase(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return !word.isEmpty();
    }

    /** Letters, digits and the underscore: what identifiers and words are made of. */
    public static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }
}
