package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Language;
import dev.codeindexer.chunk.Reference;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.FileSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Callers and callees over the call sites the symbol table keeps. A call is resolved by the simple name it calls,
 * the way a reader without a compiler does: {@code callers parse} lists every call of a {@code parse}, whichever
 * class's; a callee resolves by its name and what it is called on ({@link #resolve}).
 * That finds every call a text search finds (and none in comments or strings), at the price of over-approximating
 * for names that many classes define, which each answer shows as its candidate count.
 */
final class CallGraph {
    /** Call sites (callers) or callee entries an answer holds at most, over all levels. */
    static final int MAX_NODES = 2000;
    /** A callee with more definitions than this is not followed deeper: the graph would fan out over guesses. */
    static final int MAX_FOLLOWED_CANDIDATES = 3;
    /** Definitions shown for one callee. */
    static final int MAX_SHOWN_CANDIDATES = 5;

    private static final Pattern GO_RECEIVER = Pattern.compile("func \\((\\w+) ");

    private final Map<String, FileSymbols> files = new LinkedHashMap<>();
    private final Map<String, List<Symbol>> definitions = new HashMap<>();
    /** Names of the classes, interfaces, structs and other types the project defines. */
    private final Set<String> types = new HashSet<>();
    private final FileLines lines;

    CallGraph(List<FileSymbols> entries, FileLines lines) {
        this.lines = lines;
        entries.stream().sorted(Comparator.comparing(FileSymbols::path)).forEach(f -> {
            files.put(f.path(), f);
            f.symbols().forEach(s -> {
                definitions.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
                if (!s.kind().callable()) {
                    types.add(s.name());
                }
            });
        });
    }

    private static final class Budget {
        int left = MAX_NODES;
        boolean cut;

        boolean take() {
            if (left == 0) {
                cut = true;
                return false;
            }
            left--;
            return true;
        }
    }

    Callers callers(String asked, int depth) {
        String name = require(asked);
        checkDepth(depth);
        String simple = simpleName(name);
        List<Symbol> defs = definitionsOf(name);
        Budget budget = new Budget();
        Set<String> visited = new HashSet<>();
        defs.forEach(d -> visited.add(key(d)));
        List<CallerGroup> groups = callersOf(simple, depth, budget, visited);
        if (defs.isEmpty() && groups.isEmpty()) {
            throw unknown(name);
        }
        int sites = groups.stream().mapToInt(g -> g.sites().size()).sum();
        return new Callers(name, defs, groups, sites, depth, budget.cut);
    }

    private List<CallerGroup> callersOf(String simple, int depth, Budget budget, Set<String> visited) {
        ByDefinition sites = new ByDefinition();
        outer:
        for (FileSymbols f : files.values()) {
            for (Reference r : f.references()) {
                if (r.kind() == Reference.Kind.CALL && r.name().equals(simple)) {
                    if (!budget.take()) {
                        break outer;
                    }
                    sites.add(innermost(f.symbols(), r.line()),
                            new CallSite(f.path(), r.line(), lines.line(f.path(), r.line())));
                }
            }
        }
        List<CallerGroup> groups = new ArrayList<>();
        for (ByDefinition.Group g : sites.groups()) {
            List<CallerGroup> deeper = List.of();
            if (depth > 1 && g.owner() != null && visited.add(key(g.owner()))) {
                deeper = callersOf(g.owner().name(), depth - 1, budget, visited);
            }
            groups.add(new CallerGroup(g.owner(), g.file(), g.lines(), deeper));
        }
        return groups;
    }

    Callees callees(String asked, int depth) {
        String name = require(asked);
        checkDepth(depth);
        List<Symbol> defs = definitionsOf(name);
        if (defs.isEmpty()) {
            throw unknown(name);
        }
        Budget budget = new Budget();
        Set<String> visited = new HashSet<>();
        List<Callees.Definition> out = new ArrayList<>();
        for (Symbol d : defs) {
            visited.add(key(d));
            out.add(new Callees.Definition(d, calleesOf(d, depth, budget, visited)));
        }
        return new Callees(name, out, depth, budget.cut);
    }

    private List<Callee> calleesOf(Symbol def, int depth, Budget budget, Set<String> visited) {
        FileSymbols f = files.get(def.filePath());
        if (f == null) {
            return List.of();
        }
        // One entry per name and receiver, in order of first call: parse() and String.parse() resolve apart.
        Map<String, List<Integer>> called = new LinkedHashMap<>();
        Map<String, Reference> first = new HashMap<>();
        for (Reference r : f.references()) {
            if (r.kind() == Reference.Kind.CALL && r.line() >= def.startLine() && r.line() <= def.endLine()) {
                String key = r.name() + "\0" + r.receiver();
                first.putIfAbsent(key, r);
                List<Integer> at = called.computeIfAbsent(key, k -> new ArrayList<>());
                if (at.isEmpty() || at.getLast() != r.line()) {
                    at.add(r.line());
                }
            }
        }
        List<Callee> out = new ArrayList<>();
        for (var e : called.entrySet()) {
            if (!budget.take()) {
                break;
            }
            Reference call = first.get(e.getKey());
            List<Symbol> resolved = resolve(call, def);
            List<Callee> deeper = new ArrayList<>();
            if (depth > 1 && !resolved.isEmpty() && resolved.size() <= MAX_FOLLOWED_CANDIDATES) {
                for (Symbol target : resolved) {
                    // new Foo() calls a constructor, not everything Foo's methods call.
                    if (target.kind().callable() && visited.add(key(target))) {
                        deeper.addAll(calleesOf(target, depth - 1, budget, visited));
                    }
                }
            }
            out.add(new Callee(call.name(), call.receiver(), e.getValue(),
                    resolved.subList(0, Math.min(MAX_SHOWN_CANDIDATES, resolved.size())), resolved.size(), deeper));
        }
        return out;
    }

    /**
     * The definitions a call made in {@code from} may reach. On nothing or on this (or a Go method's receiver):
     * those of {@code from}'s class, else of its file, else all. On a type: that type's members (or every
     * definition of the name, for an inherited one), or none for a type the project does not define
     * ({@code String.valueOf}). On a variable, whose type is unknown: every definition of the name.
     */
    private List<Symbol> resolve(Reference call, Symbol from) {
        List<Symbol> all = definitions.getOrDefault(call.name(), List.of());
        if (call.receiverIsTypeLike()) {
            if (!types.contains(call.receiver())) {
                return List.of();
            }
            List<Symbol> members = all.stream()
                    .filter(s -> s.parent() != null && simpleName(s.parent()).equals(call.receiver())).toList();
            return members.isEmpty() ? all : members;
        }
        if (!call.onSelf() && !call.receiver().equals(goReceiver(from))) {
            return all;
        }
        List<Symbol> sameClass = all.stream()
                .filter(s -> from.parent() != null && from.parent().equals(s.parent())
                        && s.filePath().equals(from.filePath()))
                .toList();
        if (!sameClass.isEmpty()) {
            return sameClass;
        }
        List<Symbol> sameFile = all.stream().filter(s -> s.filePath().equals(from.filePath())).toList();
        return sameFile.isEmpty() ? all : sameFile;
    }

    /** {@code c} for {@code func (c *Command) Run()}: what a Go method calls itself by; null otherwise. */
    private static String goReceiver(Symbol s) {
        Matcher m = GO_RECEIVER.matcher(s.signature());
        return s.language() == Language.GO && m.lookingAt() ? m.group(1) : null;
    }

    /** Definitions whose simple or qualified name is {@code name}, or whose qualified name ends with it. */
    private List<Symbol> definitionsOf(String name) {
        String simple = simpleName(name);
        return definitions.getOrDefault(simple, List.of()).stream()
                .filter(s -> !name.contains(".") || s.qualifiedName().equals(name)
                        || s.qualifiedName().endsWith("." + name))
                .sorted(Comparator.comparing(Symbol::filePath).thenComparingInt(Symbol::line))
                .toList();
    }

    private InvalidInputException unknown(String name) {
        List<Symbol> all = files.values().stream().flatMap(f -> f.symbols().stream()).toList();
        SymbolLookup near;
        try {
            near = SymbolFinder.find(all, new SymbolQuery(name, Set.of(), Set.of(), 5));
        } catch (InvalidInputException nothingNear) {
            return new InvalidInputException("no definition of or call to '" + name + "' in the index, and no name "
                    + "near it; check the spelling, or search with the words it is about (code-indexer search)");
        }
        return new InvalidInputException("no definition of or call to '" + name + "' in the index; near names: "
                + String.join(", ", near.matches().stream().map(m -> m.symbol().qualifiedName()).distinct().toList()));
    }

    /** The innermost definition whose lines hold {@code line}, or null at a file's top level. */
    static Symbol innermost(List<Symbol> symbols, int line) {
        Symbol best = null;
        for (Symbol s : symbols) {
            if (s.startLine() <= line && line <= s.endLine()
                    && (best == null || s.endLine() - s.startLine() < best.endLine() - best.startLine())) {
                best = s;
            }
        }
        return best;
    }

    static String simpleName(String name) {
        String n = name.strip().replace("::", ".").replace('#', '.');
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(dot + 1);
    }

    private static String key(Symbol s) {
        return s.filePath() + "\0" + s.qualifiedName() + "\0" + s.line();
    }

    private static void checkDepth(int depth) {
        if (depth < 1 || depth > SymbolIndex.MAX_DEPTH) {
            throw new InvalidInputException("the depth must be from 1 to " + SymbolIndex.MAX_DEPTH + ", got "
                    + depth);
        }
    }

    static String require(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a name is required, e.g. parseDate or DateUtils.parseDate");
        }
        return name.strip().replace("::", ".").replace('#', '.');
    }
}
