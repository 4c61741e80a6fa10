package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds definitions by name in three tiers: exact (simple name, qualified name, or a trailing part of the qualified
 * name at a dot), prefix (ignoring case), and fuzzy (a few edits away, or the letters asked for in order, as
 * {@code gtUsrNm} finds {@code getUserName}). Within a tier the closest and shortest names come first, then by
 * file and line, so answers are stable.
 */
final class SymbolFinder {
    /** Queries shorter than this match no subsequence: two letters are in order in half of all names. */
    private static final int MIN_SUBSEQUENCE_CHARS = 3;

    private SymbolFinder() {
    }

    private record Candidate(Symbol symbol, MatchKind match, int distance) {
    }

    /**
     * @throws InvalidInputException when nothing matches in any tier, saying so and what was searched
     */
    static SymbolLookup find(List<Symbol> symbols, SymbolQuery query) {
        String name = query.name();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean qualified = name.contains(".");
        int segments = qualified ? name.split("\\.", -1).length : 1;
        int maxEdits = Math.max(1, name.length() / 4);
        List<Candidate> found = new ArrayList<>();
        for (Symbol s : symbols) {
            if ((!query.kinds().isEmpty() && !query.kinds().contains(s.kind()))
                    || (!query.languages().isEmpty() && !query.languages().contains(s.language()))) {
                continue;
            }
            Candidate c = match(s, name, lower, qualified, segments, maxEdits);
            if (c != null) {
                found.add(c);
            }
        }
        if (found.isEmpty()) {
            throw new InvalidInputException("no symbol '" + name + "' and none near it among " + symbols.size()
                    + " indexed definitions" + filters(query) + "; check the spelling, or search with the words it "
                    + "is about (code-indexer search)");
        }
        found.sort(Comparator.comparing(Candidate::match).thenComparingInt(Candidate::distance)
                .thenComparingInt(c -> c.symbol().qualifiedName().length())
                .thenComparing(c -> c.symbol().filePath()).thenComparingInt(c -> c.symbol().line()));
        boolean exact = found.getFirst().match() == MatchKind.EXACT;
        List<SymbolMatch> matches = found.stream().limit(query.limit())
                .map(c -> new SymbolMatch(c.match(), c.symbol())).toList();
        return new SymbolLookup(name, exact, matches, found.size());
    }

    private static Candidate match(Symbol s, String name, String lower, boolean qualified, int segments,
                                   int maxEdits) {
        String qn = s.qualifiedName();
        if (s.name().equals(name) || qn.equals(name) || (qualified && qn.endsWith("." + name))) {
            return new Candidate(s, MatchKind.EXACT, 0);
        }
        String target = qualified ? lastSegments(qn, segments) : s.name();
        String targetLower = target.toLowerCase(Locale.ROOT);
        String qnLower = qn.toLowerCase(Locale.ROOT);
        if (targetLower.startsWith(lower) || (qualified && (qnLower.startsWith(lower)
                || qnLower.contains("." + lower)))) {
            return new Candidate(s, MatchKind.PREFIX, targetLower.length() - lower.length());
        }
        int edits = editDistance(lower, targetLower, maxEdits);
        if (edits <= maxEdits) {
            return new Candidate(s, MatchKind.FUZZY, edits);
        }
        if (lower.length() >= MIN_SUBSEQUENCE_CHARS && isSubsequence(lower, targetLower)) {
            return new Candidate(s, MatchKind.FUZZY, maxEdits + 1 + targetLower.length() - lower.length());
        }
        return null;
    }

    /** The last {@code n} dot-separated parts of a qualified name. */
    private static String lastSegments(String qualifiedName, int n) {
        int at = qualifiedName.length();
        for (int i = 0; i < n; i++) {
            at = qualifiedName.lastIndexOf('.', at - 1);
            if (at < 0) {
                return qualifiedName;
            }
        }
        return qualifiedName.substring(at + 1);
    }

    /** Levenshtein distance, or {@code max + 1} as soon as it must exceed {@code max}. */
    static int editDistance(String a, String b, int max) {
        if (Math.abs(a.length() - b.length()) > max) {
            return max + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static boolean isSubsequence(String needle, String haystack) {
        int at = 0;
        for (int i = 0; i < haystack.length() && at < needle.length(); i++) {
            if (haystack.charAt(i) == needle.charAt(at)) {
                at++;
            }
        }
        return at == needle.length();
    }

    private static String filters(SymbolQuery query) {
        List<String> parts = new ArrayList<>();
        if (!query.kinds().isEmpty()) {
            parts.add("kind " + query.kinds().stream().map(Object::toString).sorted().toList());
        }
        if (!query.languages().isEmpty()) {
            parts.add("language " + query.languages().stream().map(Object::toString).sorted().toList());
        }
        return parts.isEmpty() ? "" : " of " + String.join(" and ", parts);
    }
}
