package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Reference;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.chunk.TokenCounter;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.FileSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link RepoMap}. Files are the nodes of a graph with an edge from each file to every other file that
 * defines a name it uses (a call or a type reference), weighted by the square root of the uses and split among the
 * files defining that name, so that a name defined everywhere ({@code toString}) says little, and by how specific
 * the name is ({@link #specificity}). A call on a type the project defines ({@code DateUtils.parse(s)}) points at that
 * type's member only, one on a type it does not ({@code String.valueOf(x)}) at nothing, and one on a variable counts
 * less, as the variable's type is unknown. PageRank
 * over that graph ranks files; each file's rank flows along its edges to the definitions its uses name, which ranks
 * definitions. The map then takes definitions best first, each shown under its file, until the budget is spent.
 */
final class MapRanker {
    /** What a call on a variable counts, against one on nothing or on this: its receiver's type is unknown. */
    private static final double OTHER_RECEIVER = 0.1;
    private static final double DAMPING = 0.85;
    private static final int ITERATIONS = 50;
    private static final TokenCounter TOKENS = TokenCounter.heuristic();

    private MapRanker() {
    }

    private record Use(int from, String name, int to, double weight) {
    }

    private record Ranked(int file, Symbol symbol, double rank, int referrers) {
        String line() {
            return "  " + symbol.line() + "  " + symbol.signature() + "\n";
        }
    }

    static RepoMap map(List<FileSymbols> entries, int budget) {
        if (budget < RepoMap.MIN_TOKENS || budget > RepoMap.MAX_TOKENS) {
            throw new InvalidInputException("the token budget must be from " + RepoMap.MIN_TOKENS + " to "
                    + RepoMap.MAX_TOKENS
                    + ", got " + budget);
        }
        List<FileSymbols> files = entries.stream().filter(f -> !f.symbols().isEmpty())
                .sorted(Comparator.comparing(FileSymbols::path)).toList();
        int n = files.size();
        Map<String, Set<Integer>> definedIn = new HashMap<>();
        Map<String, Set<Integer>> memberOf = new HashMap<>();
        Set<String> types = new HashSet<>();
        for (int i = 0; i < n; i++) {
            for (Symbol s : files.get(i).symbols()) {
                definedIn.computeIfAbsent(s.name(), k -> new HashSet<>()).add(i);
                if (s.parent() != null) {
                    memberOf.computeIfAbsent(CallGraph.simpleName(s.parent()) + "." + s.name(), k -> new HashSet<>())
                            .add(i);
                }
                if (!s.kind().callable()) {
                    types.add(s.name());
                }
            }
        }
        List<Use> uses = new ArrayList<>();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // Uses of a name, by where they point: weight summed per name and set of defining files.
            Map<String, Double> counts = new HashMap<>();
            Map<String, Set<Integer>> targetsOf = new HashMap<>();
            for (Reference r : files.get(i).references()) {
                Set<Integer> targets = definedIn.get(r.name());
                if (targets == null) {
                    continue;
                }
                double factor = 1;
                String key = r.name();
                if (r.kind() == Reference.Kind.CALL && r.receiverIsTypeLike()) {
                    if (!types.contains(r.receiver())) {
                        continue; // String.valueOf(x): a library's type, whatever the project calls its methods
                    }
                    targets = memberOf.getOrDefault(r.receiver() + "." + r.name(), targets);
                    key = r.receiver() + "." + r.name();
                } else if (r.kind() == Reference.Kind.CALL && !r.onSelf()) {
                    factor = OTHER_RECEIVER; // s.charAt(0): s may be anything's, the project's or a library's
                }
                counts.merge(key, factor, Double::sum);
                targetsOf.putIfAbsent(key, targets);
            }
            for (var e : counts.entrySet()) {
                Set<Integer> targets = targetsOf.get(e.getKey());
                String name = CallGraph.simpleName(e.getKey());
                double w = Math.sqrt(e.getValue()) * specificity(name) / targets.size();
                if (w == 0) {
                    continue;
                }
                for (int j : targets) {
                    if (j != i) {
                        uses.add(new Use(i, name, j, w));
                        out[i] += w;
                    }
                }
            }
        }
        double[] rank = pageRank(n, uses, out);
        Map<String, Double> symbolRank = new HashMap<>();
        Map<String, Set<Integer>> referrers = new HashMap<>();
        for (Use u : uses) {
            String key = u.to() + "\0" + u.name();
            symbolRank.merge(key, rank[u.from()] * u.weight() / out[u.from()], Double::sum);
            referrers.computeIfAbsent(key, k -> new HashSet<>()).add(u.from());
        }
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (Symbol s : files.get(i).symbols()) {
                String key = i + "\0" + s.name();
                // Unreferenced definitions follow, ordered by their file's rank: a type before its members.
                double r = symbolRank.getOrDefault(key, 0.0);
                double order = r > 0 ? r : rank[i] * 1e-6 / (1 + depth(s));
                ranked.add(new Ranked(i, s, order, referrers.getOrDefault(key, Set.of()).size()));
            }
        }
        ranked.sort(Comparator.comparingDouble(Ranked::rank).reversed()
                .thenComparing(r -> r.symbol().filePath()).thenComparingInt(r -> r.symbol().line()));
        // The heuristic count is additive over lines, so the map's tokens are summed as it grows.
        Map<Integer, List<Ranked>> shown = new LinkedHashMap<>();
        int tokens = 0;
        Set<String> taken = new HashSet<>();
        for (Ranked r : ranked) {
            if (!taken.add(r.file() + "\0" + r.symbol().qualifiedName())) {
                continue; // one overload says what the others would: isEmpty(int[]) after isEmpty(long[])
            }
            int cost = TOKENS.count(r.line()) + (shown.containsKey(r.file()) ? 0 : TOKENS.count(header(files, r)));
            if (tokens + cost > budget) {
                break;
            }
            tokens += cost;
            shown.computeIfAbsent(r.file(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder text = new StringBuilder();
        List<RepoMap.MapFile> mapFiles = new ArrayList<>();
        int count = 0;
        for (var e : shown.entrySet()) {
            List<RepoMap.MapSymbol> symbols = e.getValue().stream()
                    .sorted(Comparator.comparingInt(r -> r.symbol().line()))
                    .map(r -> new RepoMap.MapSymbol(r.symbol().qualifiedName(), r.symbol().kind().id(),
                            r.symbol().line(), r.symbol().signature(), r.rank(), r.referrers()))
                    .toList();
            count += symbols.size();
            text.append(header(files, e.getValue().getFirst()));
            e.getValue().stream().sorted(Comparator.comparingInt(r -> r.symbol().line()))
                    .forEach(r -> text.append(r.line()));
            mapFiles.add(new RepoMap.MapFile(files.get(e.getKey()).path(), rank[e.getKey()], symbols));
        }
        return new RepoMap(budget, tokens, mapFiles, n, count, text.toString());
    }

    private static String header(List<FileSymbols> files, Ranked r) {
        return files.get(r.file()).path() + ":\n";
    }

    /**
     * How much a use of the name says about the file defining it. A lower-case single word ({@code get}, {@code copy},
     * {@code items}) is as often a library's method (a dictionary's {@code get}) as the project's, so its uses
     * count a fifth; a leading underscore marks a private helper, which counts half; compound names
     * ({@code parseDate}, {@code merge_cookies}) and type names count whole.
     */
    static double specificity(String name) {
        if (name.startsWith("__") && name.endsWith("__")) {
            return 0; // __init__, __eq__: the language's protocol, not the project's design
        }
        double weight = 1;
        String bare = name;
        if (bare.startsWith("_")) {
            weight = 0.5;
            bare = bare.replaceFirst("^_+", "");
        }
        boolean compound = bare.indexOf('_') > 0;
        for (int i = 0; i < bare.length() && !compound; i++) {
            compound = Character.isUpperCase(bare.charAt(i));
        }
        return compound ? weight : weight * 0.2;
    }

    private static int depth(Symbol s) {
        return s.parent() == null ? 0 : s.parent().split("\\.").length;
    }

    private static double[] pageRank(int n, List<Use> uses, double[] out) {
        double[] rank = new double[n];
        if (n == 0) {
            return rank;
        }
        Arrays.fill(rank, 1.0 / n);
        for (int it = 0; it < ITERATIONS; it++) {
            double dangling = 0;
            for (int i = 0; i < n; i++) {
                if (out[i] == 0) {
                    dangling += rank[i];
                }
            }
            double[] next = new double[n];
            Arrays.fill(next, (1 - DAMPING) / n + DAMPING * dangling / n);
            for (Use u : uses) {
                next[u.to()] += DAMPING * rank[u.from()] * u.weight() / out[u.from()];
            }
            rank = next;
        }
        return rank;
    }
}
