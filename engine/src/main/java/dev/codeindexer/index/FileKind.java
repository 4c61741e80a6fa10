package dev.codeindexer.index;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a file is to someone searching code: source, tests, or prose (documentation and plain text). Ranking puts
 * source first for the same relevance, and the indexer embeds source first, so that early searches find the most.
 */
public enum FileKind {
    SOURCE, TEST, PROSE;

    private static final Set<String> PROSE_LANGUAGES = Set.of("markdown", "text");
    private static final Pattern TEST_PATH = Pattern.compile(
            "(^|/)(tests?|__tests__|spec|testing|testdata)/|(^|/)test_[^/]*\\.py$|_test\\.(go|py)$"
                    + "|(Test|Tests|IT)\\.(java|kt|scala)$|\\.(test|spec)\\.[jt]sx?$");

    /** The kind of the file at {@code path} (relative, {@code /} separators) in {@code language}. */
    public static FileKind of(String path, String language) {
        return isProse(language) ? PROSE : isTest(path) ? TEST : SOURCE;
    }

    /** Documentation rather than code: Markdown and plain text. */
    public static boolean isProse(String language) {
        return PROSE_LANGUAGES.contains(language);
    }

    /** Test code by the conventions of the common languages' tools. */
    public static boolean isTest(String path) {
        return TEST_PATH.matcher(path).find();
    }

    /** The config's name for this kind ({@code index.embedding_order}). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
