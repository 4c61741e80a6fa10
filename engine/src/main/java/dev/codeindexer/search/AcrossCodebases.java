package dev.codeindexer.search;

import dev.codeindexer.index.Codebase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One search over several codebases' indexes: each is searched as alone, with the same queries and options, and the
 * hits are merged by score into one top-k per query. Scores compare across indexes built by one model and ranked
 * the same way (hybrid and dense, the defaults); BM25 alone ({@code --mode lexical}) weighs a term by its rarity in
 * each index, so a codebase's lexical hits compare with another's only roughly.
 */
public final class AcrossCodebases {
    private AcrossCodebases() {
    }

    /** One merged result list per query, best first; ties keep the order the codebases were given in. */
    public static List<List<CodebaseHit>> search(List<Codebase> codebases, List<String> queries, SearchOptions options) {
        List<List<CodebaseHit>> merged = new ArrayList<>();
        queries.forEach(q -> merged.add(new ArrayList<>()));
        for (Codebase c : codebases) {
            String root = c.location().codebase().toString();
            List<List<SearchHit>> results = new Searcher(c).search(queries, options);
            for (int q = 0; q < queries.size(); q++) {
                for (SearchHit h : results.get(q)) {
                    merged.get(q).add(new CodebaseHit(root, h));
                }
            }
        }
        return merged.stream().map(hits -> hits.stream()
                .sorted(Comparator.comparingDouble((CodebaseHit h) -> h.hit().score()).reversed())
                .limit(options.topK()).toList()).toList();
    }

    /** The lowest {@link Searcher#denseCoverage} of the codebases: how far the least embedded one has got. */
    public static double denseCoverage(List<Codebase> codebases) {
        return codebases.stream().mapToDouble(c -> new Searcher(c).denseCoverage()).min().orElse(1.0);
    }
}
