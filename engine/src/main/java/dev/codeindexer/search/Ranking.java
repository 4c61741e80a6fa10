package dev.codeindexer.search;

import dev.codeindexer.index.FileKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last touches on a store's ranking, which every store shares:
 * <ol>
 *   <li>overlapping windows of one entity (a long method split for the model) collapse into their best window;</li>
 *   <li>with {@code --group-by file}, each file shows once, with its best hit;</li>
 *   <li>when a short query names an identifier ({@code parseDate}, {@code http_client}, {@code Retry.run}), the
 *       entities of that name come first (the definition), then the hits whose code contains the identifier exactly
 *       (its usages), then the rest: a hit that only shares the identifier's parts ({@code parse}, {@code date})
 *       or merely resembles it falls behind an exact match.</li>
 * </ol>
 * Hits otherwise keep the store's order, so a query without identifiers ranks exactly as the store does.
 */
final class Ranking {
    private static final int MAX_NAME_QUERY_WORDS = 3;
    private static final Pattern WORD = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    private Ranking() {
    }

    static List<SearchHit> shape(List<SearchHit> hits, String query, boolean groupByFile, int topK) {
        return shape(hits, query, groupByFile, topK, 1, 1);
    }

    /**
     * As {@link #shape(List, String, boolean, int)}, after multiplying the scores of documentation hits and of
     * files' leftover lines by {@code proseWeight} and of test code by {@code testWeight} (1: unchanged) and
     * re-sorting, so that at equal relevance the code's entities come first.
     */
    static List<SearchHit> shape(List<SearchHit> hits, String query, boolean groupByFile, int topK,
                                 double proseWeight, double testWeight) {
        if (proseWeight != 1 || testWeight != 1) {
            List<SearchHit> weighed = new ArrayList<>(hits.size());
            for (SearchHit h : hits) {
                double w = (isProse(h) || isLeftover(h) ? proseWeight : 1) * (isTest(h.filePath()) ? testWeight : 1);
                weighed.add(w == 1 ? h : h.withScore((float) (h.score() * w)));
            }
            weighed.sort(java.util.Comparator.comparingDouble(SearchHit::score).reversed()); // stable
            hits = weighed;
        }
        List<SearchHit> kept = new ArrayList<>();
        for (SearchHit hit : hits) {
            if (kept.stream().noneMatch(k -> sameEntityOverlap(k, hit))) {
                kept.add(hit);
            }
        }
        Set<String> names = identifiers(query);
        if (!names.isEmpty()) {
            kept = byIdentifier(kept, names);
        }
        if (groupByFile) {
            // After the identifier order, so that a file is shown by the definition it holds, not by a neighbour.
            Set<String> files = new HashSet<>();
            kept.removeIf(hit -> !files.add(hit.filePath()));
        }
        return List.copyOf(kept.subList(0, Math.min(topK, kept.size())));
    }

    /** Definitions of {@code names}, then exact mentions of them, then the rest; the store's order within each. */
    private static List<SearchHit> byIdentifier(List<SearchHit> hits, Set<String> names) {
        List<SearchHit> definitions = new ArrayList<>();
        List<SearchHit> usages = new ArrayList<>();
        List<SearchHit> rest = new ArrayList<>();
        for (SearchHit hit : hits) {
            if (names.contains(simpleName(hit.entityId()))) {
                definitions.add(hit);
            } else if (mentions(hit.content(), names)) {
                usages.add(hit);
            } else {
                rest.add(hit);
            }
        }
        definitions.addAll(usages);
        definitions.addAll(rest);
        return definitions;
    }

    /** Whether {@code code} holds one of {@code names} as a whole word, case and all. */
    static boolean mentions(String code, Set<String> names) {
        if (code == null) {
            return false;
        }
        Matcher m = WORD.matcher(code);
        while (m.find()) {
            if (names.contains(m.group())) {
                return true;
            }
        }
        return false;
    }

    /** The entity types only documentation has: Markdown sections and windows of plain text. */
    private static final Set<String> PROSE_TYPES = Set.of("section", "window");

    /** Documentation rather than code: Markdown and plain text. */
    static boolean isProse(SearchHit hit) {
        return FileKind.isProse(hit.language());
    }

    /**
     * A file's leftover lines (imports, package, top-level statements outside any entity). They answer few questions
     * about code, yet a short import list, named after its file, often ranks high.
     */
    static boolean isLeftover(SearchHit hit) {
        return LEFTOVER_TYPE.equals(hit.entityType());
    }

    private static final String LEFTOVER_TYPE = "file";

    /** A search narrowed to documentation or leftovers (its languages or kinds) wants them first: no demotion then. */
    static boolean asksForProse(List<String> languages, List<String> entityTypes) {
        return languages.stream().anyMatch(FileKind::isProse)
                || entityTypes.stream().anyMatch(t -> PROSE_TYPES.contains(t) || LEFTOVER_TYPE.equals(t));
    }

    /** Test code by the conventions of the common languages' tools. */
    static boolean isTest(String path) {
        return FileKind.isTest(path);
    }

    private static boolean sameEntityOverlap(SearchHit a, SearchHit b) {
        return a.filePath().equals(b.filePath()) && a.entityId() != null && a.entityId().equals(b.entityId())
                && a.startLine() <= b.endLine() && b.startLine() <= a.endLine();
    }

    /**
     * Words of the query that can only be identifiers: a capital after the first letter, an underscore, a digit or
     * {@code $} inside ({@code parseDate}, {@code http_client}), or a dotted name's last part ({@code Retry.run}).
     * Plain words ("parse", "date") are not, or every query would reorder on common names.
     */
    static Set<String> identifiers(String query) {
        Set<String> out = new LinkedHashSet<>();
        // Only short, code-like queries ask for an entity by name; a sentence that mentions a type in passing
        // ("Returns a StringBuilder with...") is asking for something else.
        if (query.strip().split("\\s+").length > MAX_NAME_QUERY_WORDS) {
            return out;
        }
        Matcher m = WORD.matcher(query);
        while (m.find()) {
            String w = m.group();
            boolean dotted = m.start() > 0 && query.charAt(m.start() - 1) == '.';
            boolean shaped = false;
            for (int i = 1; i < w.length(); i++) {
                char c = w.charAt(i);
                shaped |= Character.isUpperCase(c) || Character.isDigit(c) || c == '_' || c == '$';
            }
            if (shaped || dotted) {
                out.add(w);
            }
        }
        return out;
    }

    /** {@code StringUtils.isBlank} -> {@code isBlank}; {@code (*Server).Serve} -> {@code Serve}. */
    static String simpleName(String entityId) {
        if (entityId == null) {
            return "";
        }
        int cut = Math.max(Math.max(entityId.lastIndexOf('.'), entityId.lastIndexOf(':')),
                Math.max(entityId.lastIndexOf('#'), entityId.lastIndexOf(')')));
        return entityId.substring(cut + 1);
    }
}
