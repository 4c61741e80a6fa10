package dev.codeindexer.chunk;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.treesitter.TSNode;

/**
 * Attaches to each entity the comments and attributes directly above it: they extend its chunk upwards, and the
 * comments become its doc (unless the language keeps docs in docstrings). Works on lines rather than on syntax-tree
 * siblings because grammars hang comments in odd places (Ruby on the enclosing module, Kotlin on the imports).
 */
final class DocAttacher {

    /** A comment or attribute alone on its lines; {@code endByte} excludes trailing whitespace and line break. */
    private record Prefix(int startLine, int endLine, int startByte, int endByte, boolean attribute) {
    }

    private final SourceText source;
    private final boolean commentsAreDocs;
    private final Map<Integer, Prefix> prefixEndingAt = new HashMap<>();

    DocAttacher(SourceText source, boolean commentsAreDocs) {
        this.source = source;
        this.commentsAreDocs = commentsAreDocs;
    }

    /** Notes a comment or attribute node; only those with nothing else on their lines can belong to an entity. */
    void record(TSNode node, boolean attribute) {
        byte[] bytes = source.bytes();
        int startByte = Math.min(node.getStartByte(), bytes.length);
        int endByte = Math.min(node.getEndByte(), bytes.length);
        while (endByte > startByte && (bytes[endByte - 1] == '\n' || isBlank(bytes[endByte - 1]))) {
            endByte--;
        }
        if (!attribute && isInnerDoc(bytes, startByte, endByte)) {
            return;
        }
        for (int i = startByte - 1; i >= 0 && bytes[i] != '\n'; i--) {
            if (!isBlank(bytes[i])) {
                return;
            }
        }
        for (int i = endByte; i < bytes.length && bytes[i] != '\n'; i++) {
            if (!isBlank(bytes[i])) {
                return;
            }
        }
        int startLine = node.getStartPoint().getRow() + 1;
        int endLine = startLine + countNewlines(bytes, startByte, endByte);
        prefixEndingAt.put(endLine, new Prefix(startLine, endLine, startByte, endByte, attribute));
    }

    /**
     * Extends every entity upwards over the recorded prefixes directly above it (no blank line between), never
     * reaching into an entity that ends before it, and takes the comments among them as its doc.
     */
    void attach(List<Entity> entities) {
        int[] ends = entities.stream().mapToInt(e -> e.end).sorted().toArray();
        for (Entity entity : entities) {
            int floor = floorBefore(ends, entity.nodeStart);
            Prefix nearest = null;
            Prefix farthest = null;
            for (int line = entity.nodeStart - 1; line > floor; ) {
                Prefix prefix = prefixEndingAt.get(line);
                if (prefix == null || prefix.startLine() <= floor) {
                    break;
                }
                entity.start = prefix.startLine();
                if (!prefix.attribute()) {
                    farthest = prefix;
                    if (nearest == null) {
                        nearest = prefix;
                    }
                }
                line = prefix.startLine() - 1;
            }
            if (commentsAreDocs && nearest != null) {
                entity.doc = source.slice(farthest.startByte(), nearest.endByte());
                entity.docFirstLine = farthest.startLine();
                entity.docLastLine = nearest.endLine();
            }
        }
    }

    /** The last line of an entity that ends before {@code line}, or 0. */
    private static int floorBefore(int[] sortedEnds, int line) {
        int index = Arrays.binarySearch(sortedEnds, line);
        int insertion = index >= 0 ? index : -index - 1;
        while (insertion > 0 && sortedEnds[insertion - 1] >= line) {
            insertion--;
        }
        return insertion == 0 ? 0 : sortedEnds[insertion - 1];
    }

    /** Rust's {@code //!} and {@code /*!} document the enclosing item, not the next one. */
    private static boolean isInnerDoc(byte[] bytes, int start, int end) {
        return end - start >= 3 && bytes[start + 2] == '!' && bytes[start] == '/'
                && (bytes[start + 1] == '/' || bytes[start + 1] == '*');
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\f' || b == 0x0B || b == '\r';
    }

    private static int countNewlines(byte[] bytes, int from, int to) {
        int count = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                count++;
            }
        }
        return count;
    }
}
