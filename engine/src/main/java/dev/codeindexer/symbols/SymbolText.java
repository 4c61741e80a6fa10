package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.text.Printable;
import java.util.List;

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

    /** Call sites grouped by caller, deeper levels indented under the caller they call. */
    public static String callers(Callers c) {
        StringBuilder s = new StringBuilder("callers of ").append(Printable.field(c.name())).append(": ").append(c.sites())
                .append(c.sites() == 1 ? " call site" : " call sites").append(definitions(c.definitions()))
                .append('\n');
        c.callers().forEach(g -> callerGroup(s, g, 0));
        if (c.truncated()) {
            s.append("... cut at ").append("the limit of call sites; lower --depth or ask about a caller\n");
        }
        return s.toString();
    }

    private static void callerGroup(StringBuilder s, CallerGroup g, int depth) {
        String indent = "  ".repeat(depth);
        s.append(indent).append(Printable.field(g.file())).append("  ").append(g.caller() == null ? "(top level)"
                : g.caller().kind() + " " + Printable.field(g.caller().qualifiedName()) + " " + lines(g.caller()))
                .append('\n');
        g.sites().forEach(site -> s.append(indent).append("    ").append(site.line()).append(": ")
                .append(Printable.line(site.text().strip())).append('\n'));
        g.callers().forEach(deeper -> callerGroup(s, deeper, depth + 1));
    }

    /** Each definition, then the names it calls with what they resolve to, deeper levels indented. */
    public static String callees(Callees c) {
        StringBuilder s = new StringBuilder();
        for (Callees.Definition d : c.definitions()) {
            Symbol sym = d.definition();
            s.append("callees of ").append(sym.kind()).append(' ').append(Printable.field(sym.qualifiedName()))
                    .append("  ").append(Printable.field(sym.filePath())).append(':').append(lines(sym)).append('\n');
            if (d.callees().isEmpty()) {
                s.append("  (calls nothing)\n");
            }
            d.callees().forEach(callee -> callee(s, callee, 1));
        }
        if (c.truncated()) {
            s.append("... cut at the limit of callees; lower --depth\n");
        }
        return s.toString();
    }

    private static void callee(StringBuilder s, Callee c, int depth) {
        String receiver = c.receiver() == null || c.receiver().isEmpty() || c.receiver().equals("this")
                || c.receiver().equals("self") ? "" : c.receiver() + ".";
        s.append("  ".repeat(depth)).append(Printable.field(receiver + c.name())).append("  ")
                .append(c.lines().size() == 1 ? "line " : "lines ")
                .append(String.join(", ", c.lines().stream().map(String::valueOf).toList())).append("  ");
        if (c.definitions().isEmpty()) {
            s.append("(not defined in the index)");
        } else if (c.candidates() == 1) {
            Symbol d = c.definitions().getFirst();
            s.append("-> ").append(d.kind()).append(' ').append(Printable.field(d.qualifiedName())).append("  ")
                    .append(Printable.field(d.filePath())).append(':').append(d.line());
        } else {
            s.append("-> ").append(c.candidates()).append(" definitions: ").append(String.join(", ",
                    c.definitions().stream().map(SymbolText::where).toList()));
            if (c.candidates() > c.definitions().size()) {
                s.append(", ...");
            }
        }
        s.append('\n');
        c.callees().forEach(deeper -> callee(s, deeper, depth + 1));
    }

    /** The lines by definition: a heading with the file and definition, then its lines. */
    public static String refs(Refs r) {
        long entities = r.groups().stream().filter(g -> g.entity() != null).count();
        StringBuilder s = new StringBuilder("refs ").append(Printable.field(r.name())).append(r.codeOnly() ? " (code only)" : "")
                .append(": ").append(r.lines()).append(r.lines() == 1 ? " line" : " lines").append(" in ")
                .append(r.files()).append(r.files() == 1 ? " file" : " files").append(", ").append(entities)
                .append(entities == 1 ? " definition\n" : " definitions\n");
        for (RefGroup g : r.groups()) {
            s.append(Printable.field(g.file())).append("  ").append(g.entity() == null ? "(top level)"
                    : g.entity().kind() + " " + Printable.field(g.entity().qualifiedName()) + " "
                    + lines(g.entity())).append('\n');
            g.lines().forEach(l -> s.append("    ").append(l.line()).append(": ")
                    .append(Printable.line(l.text().strip())).append('\n'));
        }
        if (r.truncated()) {
            s.append("... cut at ").append(r.lines()).append(" lines; raise --max or narrow with --path-glob\n");
        }
        return s.toString();
    }

    /** The map's text under a line saying what it covers. */
    public static String map(RepoMap m) {
        return m.files().size() + " of " + m.filesTotal() + " files, " + m.symbolsShown() + " definitions, " + m.tokens()
                + " of " + m.budget() + " tokens\n" + Printable.lines(m.text());
    }

    private static String definitions(List<Symbol> defs) {
        if (defs.isEmpty()) {
            return " (not defined in the index)";
        }
        return defs.size() == 1 ? "; defined at " + where(defs.getFirst())
                : "; " + defs.size() + " definitions: " + String.join(", ", defs.stream().map(SymbolText::where).toList());
    }

    private static String where(Symbol s) {
        return Printable.field(s.qualifiedName()) + " " + Printable.field(s.filePath()) + ":" + s.line();
    }

    /** The name's line to the last line: where to jump, and how far the definition reaches. */
    private static String lines(Symbol s) {
        return s.line() == s.endLine() ? String.valueOf(s.line()) : s.line() + "-" + s.endLine();
    }
}
