package dev.codeindexer.eval;

import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds queries the CodeSearchNet way: each documented function, method or constructor gives one query, the
 * first sentence of its doc comment, whose answer is that entity. Docs too short to be a query (fewer than three
 * words) are left out, as CodeSearchNet does.
 */
public final class DocQueries {
    private static final Set<EntityType> CALLABLES = Set.of(EntityType.FUNCTION, EntityType.METHOD, EntityType.CONSTRUCTOR);
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|link|linkplain|literal|value)\\s+([^}]*)}");
    private static final Pattern HTML = Pattern.compile("<[^>]{1,40}>");
    private static final Pattern MARKERS = Pattern.compile("(?m)^\\s*(/\\*\\*+|/\\*|\\*/|\\*|///|//!|//|#|\"\"\"|''')");

    private DocQueries() {
    }

    /**
     * The queries of {@code chunks} (a file's, in the chunker's order); with {@code max > 0}, a reproducible random
     * sample of at most {@code max}. An entity gives one query, from the first of its chunks that holds doc: a long
     * entity's first chunk holds the doc's summary, later ones its details.
     */
    public static List<EvalQuery> from(String corpus, List<Chunk> chunks, int max, long seed) {
        List<EvalQuery> all = new ArrayList<>();
        java.util.Set<String> asked = new java.util.HashSet<>();
        for (Chunk c : chunks) {
            if (!CALLABLES.contains(c.entityType()) || c.doc().isBlank()
                    || !asked.add(c.filePath() + '\0' + c.entityId() + '\0' + c.entityStartLine())) {
                continue;
            }
            String sentence = firstSentence(c.doc());
            if (sentence.split("\\s+").length >= 3) {
                all.add(new EvalQuery(sentence, corpus, c.language().id(), c.filePath(), c.entityId(), c.startLine(),
                        c.endLine()));
            }
        }
        if (max > 0 && all.size() > max) {
            java.util.Collections.shuffle(all, new Random(seed));
            return List.copyOf(all.subList(0, max));
        }
        return all;
    }

    /** The first sentence of a doc comment, without comment markers, tags or markup. */
    public static String firstSentence(String doc) {
        String text = MARKERS.matcher(doc.replace("*/", "")).replaceAll(" ");
        int tags = indexOfBlockTag(text);
        if (tags >= 0) {
            text = text.substring(0, tags);
        }
        text = INLINE_TAG.matcher(text).replaceAll("$1");
        text = HTML.matcher(text).replaceAll(" ").replaceAll("\\s+", " ").strip();
        int end = sentenceEnd(text);
        return (end < 0 ? text : text.substring(0, end + 1)).strip();
    }

    private static int indexOfBlockTag(String text) {
        var m = Pattern.compile("(?m)(^|\\s)@(param|return|throws|exception|see|since|deprecated|author)\\b|:param |:return|Args:|Returns:").matcher(text);
        return m.find() ? m.start() : -1;
    }

    private static int sentenceEnd(String text) {
        for (int i = 0; i < text.length() - 1; i++) {
            if (text.charAt(i) == '.' && Character.isWhitespace(text.charAt(i + 1)) && i > 0
                    && !text.regionMatches(Math.max(0, i - 3), "e.g", 0, 3) && !text.regionMatches(Math.max(0, i - 3), "i.e", 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    /** The chunk with its doc comment cut out, for indexing a corpus whose docs are the queries. */
    public static Chunk withoutDoc(Chunk c) {
        if (c.doc().isEmpty() || !c.content().contains(c.doc())) {
            return c;
        }
        return new Chunk(c.filePath(), c.language(), c.entityType(), c.entityId(), c.parentId(), c.startLine(),
                c.endLine(), c.entityStartLine(), c.entityEndLine(), c.content().replace(c.doc(), ""), "", c.chunkId());
    }
}
