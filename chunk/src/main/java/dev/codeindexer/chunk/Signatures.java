package dev.codeindexer.chunk;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * A definition's signature: its declaration from the first keyword to the body, on one line. Annotations and
 * decorators on lines of their own above the name are left out (they are not what one reads as the signature), and
 * so is what opens the body: a brace, Python's colon, Scala's or Kotlin's {@code =}.
 */
final class Signatures {
    static final int MAX_CHARS = 300;

    private Signatures() {
    }

    /**
     * @param top      the declaration with its wrappers ({@code export}, decorators, {@code template<...>})
     * @param body     its body, or null when it has none (then the signature ends with the name's line, or where
     *                 the parentheses opened before it close)
     * @param nameLine the line with the name
     */
    static String of(SourceText source, TSNode top, TSNode body, int nameLine, LanguageSpec spec) {
        int firstLine = top.getStartPoint().getRow() + 1;
        int endByte = body != null ? body.getStartByte() : top.getEndByte();
        String[] lines = source.slice(top.getStartByte(), endByte).split("\n", -1);
        List<String> kept = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < lines.length; i++) {
            int number = firstLine + i;
            String line = lines[i].strip();
            if (number < nameLine && kept.isEmpty() && isAnnotation(line)) {
                continue;
            }
            // Without a body: the name's line, and the lines after it while a parameter list is open.
            if (body == null && number > nameLine && (depth <= 0 || kept.getLast().contains("{")
                    || kept.getLast().contains("="))) {
                break;
            }
            kept.add(line);
            depth += parenDepth(line);
        }
        String signature = String.join(" ", kept).replaceAll("\\s+", " ").strip();
        signature = stripEnd(signature, "{");
        if (signature.endsWith("=") && !signature.endsWith("==")) {
            signature = stripEnd(signature, "="); // Scala's and Kotlin's expression bodies
        }
        if (spec.language() == Language.PYTHON) {
            signature = stripEnd(signature, ":");
        }
        if (signature.length() > MAX_CHARS) {
            signature = signature.substring(0, MAX_CHARS - 1).strip() + "…";
        }
        return signature;
    }

    /** {@code @Override}, {@code @app.route("/")}, {@code #[derive(Debug)]}, C#'s {@code [Obsolete]}. */
    private static boolean isAnnotation(String line) {
        return line.startsWith("@") || line.startsWith("#[") || (line.startsWith("[") && line.endsWith("]"));
    }

    private static int parenDepth(String line) {
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth;
    }

    private static String stripEnd(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()).strip() : s;
    }
}
