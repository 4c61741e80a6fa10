package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.text.Printable;

/**
 * Symbols as plain text, the same for a person at the terminal and an agent over MCP: one line with where and what,
 * one indented line with the signature. Names, paths and signatures come from the repository, so their control
 * characters are escaped ({@link Printable}).
 */
public final class SymbolText {
    private SymbolText() {
    }

    /** {@code src/A.java:12-30  method A.run  (exact)} and the signature below it. */
    public static String symbol(Symbol s, MatchKind match) {
        return Printable.field(s.filePath()) + ":" + lines(s) + "  " + s.kind() + " "
                + Printable.field(s.qualifiedName()) + (match == null ? "" : "  (" + match + ")") + "\n    " + Printable.field(s.signature()) + "\n";
    }

    /** The matches, under a line saying there is no such name when none matched exactly, and what the limit cut. */
    public static String lookup(SymbolLookup lookup) {
        StringBuilder s = new StringBuilder();
        if (!lookup.found()) {
            s.append("no symbol ").append(Printable.field(lookup.query())).append("; near matches:\n");
        }
        lookup.matches().forEach(m -> s.append(symbol(m.symbol(), m.match())));
        if (lookup.truncated()) {
            s.append("... ").append(lookup.total() - lookup.matches().size())
                    .append(" more matches; raise the limit to see them\n");
        }
        return s.toString();
    }

    /** The file's definitions as an indented tree, one line each: kind, name, lines, signature. */
    public static String outline(FileOutline outline) {
        StringBuilder s = new StringBuilder(Printable.field(outline.file())).append(": ").append(outline.count())
                .append(outline.count() == 1 ? " definition\n" : " definitions\n");
        outline.symbols().forEach(e -> entry(s, e, 1));
        return s.toString();
    }

    private static void entry(StringBuilder s, OutlineEntry e, int depth) {
        Symbol sym = e.symbol();
        s.append("  ".repeat(depth)).append(sym.kind()).append(' ').append(Printable.field(sym.name())).append("  ")
                .append(lines(sym)).append("  ").append(Printable.field(sym.signature())).append('\n');
        e.children().forEach(c -> entry(s, c, depth + 1));
    }

    /** The name's line to the last line: where to jump, and how far the definition reaches. */
    private static String lines(Symbol s) {
        return s.line() == s.endLine() ? String.valueOf(s.line()) : s.line() + "-" + s.endLine();
    }
}
