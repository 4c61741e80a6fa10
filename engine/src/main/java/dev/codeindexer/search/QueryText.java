package dev.codeindexer.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a search sends to the lexical (BM25) leg. Natural-language words that every doc comment has ("the",
 * "returns", "if") match nothing specific in code, yet in an index of code they are rare enough to weigh heavily;
 * they are dropped, while identifiers ({@code parseDate}, {@code http_client}, anything with a capital inside, a
 * digit or an underscore) are always kept. A query made only of such words is sent as it is.
 */
public final class QueryText {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final Set<String> STOP = Set.of(
            "a", "an", "and", "any", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could", "do", "does",
            "each", "either", "for", "from", "given", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its",
            "may", "might", "must", "no", "not", "of", "on", "one", "or", "otherwise", "our", "should", "so", "such",
            "that", "the", "their", "them", "then", "there", "these", "this", "those", "to", "used", "using", "via",
            "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "will", "with", "would",
            "you", "your", "returns", "return", "returned", "specified", "provided", "also");

    private QueryText() {
    }

    /** {@code query} without stop words, or {@code query} itself when nothing else would remain. */
    public static String lexical(String query) {
        List<String> kept = new ArrayList<>();
        Matcher m = WORD.matcher(query);
        int last = 0;
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group();
            if (isIdentifier(word) || !isStopWord(word)) {
                kept.add(word);
                out.append(query, last, m.start()).append(word);
            }
            last = m.end();
        }
        out.append(query.substring(last));
        return kept.isEmpty() ? query : out.toString().strip();
    }

    /** Whether {@code word} (any case) is one of the words a code search ignores. */
    static boolean isStopWord(String word) {
        return STOP.contains(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isIdentifier(String word) {
        for (int i = 1; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isUpperCase(c) || Character.isDigit(c) || c == '_') {
                return true;
            }
        }
        return false;
    }
}
