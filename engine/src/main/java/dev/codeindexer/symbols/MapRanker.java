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
 * files defining that name, so that a name defined everywhere ({@code get}, {@code toString}) says little. PageRank
 * over that graph ranks files; each file's rank flows along its edges to the definitions its uses name, which ranks
 * definitions. The map then takes definitions best first, each shown under its file, until the budget is spent.
 */
final class MapRanker {
    static final int MIN_TOKENS = 64;
    static final int MAX_TOKENS = 100_000;
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
        if (budget < MIN_TOKENS || budget > MAX_TOKENS) {
            throw new InvalidInputException("the token budget must be from " + MIN_TOKENS + " to " + MAX_TOKENS
                    + ", got " + budget);
        }
        List<FileSymbols> files = entries.stream().filter(f -> !f.symbols().isEmpty())
                .sorted(Comparator.comparing(FileSymbols::path)).toList();
        int n = files.size();
        Map<String, Set<Integer>> definedIn = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (Symbol s : files.get(i).symbols()) {
                definedIn.computeIfAbsent(s.name(), k -> new HashSet<>()).add(i);
            }
        }
        List<Use> uses = new ArrayList<>();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Map<String, Integer> counts = new HashMap<>();
            for (Reference r : files.get(i).references()) {
                if (definedIn.containsKey(r.name())) {
                    counts.merge(r.name(), 1, Integer::sum);
                }
            }
            for (var e : counts.entrySet()) {
                Set<Integer> targets = definedIn.get(e.getKey());
                double w = Math.sqrt(e.getValue()) / targets.size();
                for (int j : targets) {
                    if (j != i) {
                        uses.add(new Use(i, e.getKey(), j, w));
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
        for (Ranked r : ranked) {
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
