package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Symbol;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Nests a file's symbols by their line ranges: each goes under the innermost definition that encloses it. Ranges
 * rather than qualified names, because overloads share a name and a Go method is written outside its type.
 */
final class Outline {
    private Outline() {
    }

    private static final class Node {
        final Symbol symbol;
        final List<Node> children = new ArrayList<>();

        Node(Symbol symbol) {
            this.symbol = symbol;
        }

        OutlineEntry freeze() {
            return new OutlineEntry(symbol, children.stream().map(Node::freeze).toList());
        }
    }

    static FileOutline of(String file, List<Symbol> symbols) {
        List<Symbol> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparingInt(Symbol::startLine).thenComparing(Comparator.comparingInt(Symbol::endLine)
                .reversed()).thenComparingInt(Symbol::line));
        List<Node> roots = new ArrayList<>();
        Deque<Node> open = new ArrayDeque<>();
        for (Symbol s : sorted) {
            while (!open.isEmpty() && !encloses(open.peek().symbol, s)) {
                open.pop();
            }
            Node node = new Node(s);
            (open.isEmpty() ? roots : open.peek().children).add(node);
            open.push(node);
        }
        return new FileOutline(file, symbols.size(), roots.stream().map(Node::freeze).toList());
    }

    private static boolean encloses(Symbol outer, Symbol inner) {
        return outer.startLine() <= inner.startLine() && inner.endLine() <= outer.endLine()
                && !(outer.startLine() == inner.startLine() && outer.endLine() == inner.endLine()
                && outer.line() >= inner.line());
    }
}
