package dev.codeindexer.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.treesitter.TSNode;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;

/** Runs a grammar's {@link ReferenceQueries} query over one parsed file. */
final class ReferenceFinder {
    private static final int MAX_RECEIVER_CHARS = 200;
    /** {@code s}, {@code this}, {@code $this}, {@code a.b.C}, {@code std::vector}: names, not expressions. */
    private static final Pattern DOTTED = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:(?:\\.|::)[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

    /**
     * @param references the calls and type references in source order, without the names of definitions
     * @param textRanges the byte ranges of comments and string literals, as start/end pairs in source order
     */
    record Found(List<Reference> references, int[] textRanges) {
    }

    private ReferenceFinder() {
    }

    /**
     * @param definitions the file's symbols: a type name on its own definition's line ({@code class Foo} in
     *                    TypeScript is a {@code type_identifier}) is no reference
     */
    static Found find(TSQuery query, TSNode root, SourceText source, List<Symbol> definitions) {
        Set<String> defined = new HashSet<>();
        definitions.forEach(s -> defined.add(s.name() + "\0" + s.line()));
        List<Reference> references = new ArrayList<>();
        Set<Integer> called = new HashSet<>();
        List<int[]> typeNodes = new ArrayList<>();
        int[] text = new int[16];
        int texts = 0;
        try (TSQueryCursor cursor = new TSQueryCursor()) {
            cursor.exec(query, root);
            TSQueryMatch match = new TSQueryMatch();
            while (cursor.nextMatch(match)) {
                TSNode call = null;
                TSNode receiver = null;
                for (TSQueryCapture capture : match.getCaptures()) {
                    TSNode node = capture.getNode();
                    switch (query.getCaptureNameForId(capture.getIndex())) {
                        case ReferenceQueries.CALL -> call = node;
                        case ReferenceQueries.RECEIVER -> receiver = node;
                        case ReferenceQueries.TYPE -> typeNodes.add(new int[] {node.getStartByte(),
                                node.getEndByte(), node.getStartPoint().getRow() + 1});
                        default -> {
                            if (texts + 2 > text.length) {
                                text = Arrays.copyOf(text, text.length * 2);
                            }
                            text[texts++] = node.getStartByte();
                            text[texts++] = node.getEndByte();
                        }
                    }
                }
                if (call != null) {
                    called.add(call.getStartByte());
                    addCall(references, defined, source, call, receiver);
                }
            }
        }
        // new Foo() is a call of Foo; its type_identifier is not a second, type reference.
        for (int[] t : typeNodes) {
            if (!called.contains(t[0])) {
                String name = source.slice(t[0], t[1]);
                if (!defined.contains(name + "\0" + t[2])) {
                    references.add(new Reference(name, t[2], Reference.Kind.TYPE));
                }
            }
        }
        references.sort(Comparator.comparingInt(Reference::line));
        return new Found(List.copyOf(references), Arrays.copyOf(text, texts));
    }

    private static void addCall(List<Reference> out, Set<String> defined, SourceText source, TSNode node,
                                TSNode receiver) {
        String name = source.slice(node.getStartByte(), node.getEndByte());
        int line = node.getStartPoint().getRow() + 1;
        if (!name.isEmpty() && !defined.contains(name + "\0" + line)) {
            out.add(new Reference(name, line, Reference.Kind.CALL, receiver == null ? null : receiverName(source,
                    receiver)));
        }
    }

    /** An identifier or a dotted name's last part ({@code C} of {@code a.b.C}); empty for any other expression. */
    private static String receiverName(SourceText source, TSNode receiver) {
        int length = receiver.getEndByte() - receiver.getStartByte();
        if (length > MAX_RECEIVER_CHARS) {
            return "";
        }
        String text = source.slice(receiver.getStartByte(), receiver.getEndByte());
        if (!DOTTED.matcher(text).matches()) {
            return "";
        }
        int dot = Math.max(text.lastIndexOf('.'), text.lastIndexOf(':'));
        return text.substring(dot + 1);
    }
}
