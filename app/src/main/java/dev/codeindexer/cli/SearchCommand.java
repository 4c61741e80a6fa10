package dev.codeindexer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.config.SearchSettings;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.search.AcrossCodebases;
import dev.codeindexer.search.CodebaseHit;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.search.Searcher;
import dev.codeindexer.store.SearchMode;
import dev.codeindexer.store.VectorStoreFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search indexed codebases in natural language or code: one (--path, default the current "
                + "directory), several (--path A --path B) or all (--all).")
final class SearchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--path", paramLabel = "DIR",
            description = "an indexed codebase (default: the current directory); repeat to search several at once")
    List<Path> paths = List.of();

    @Option(names = "--rev", paramLabel = "REV",
            description = "search the git revision of the repository at --path indexed with 'index --rev REV'")
    String rev;

    @Option(names = "--all", description = "every codebase indexed under the data dir into the configured store")
    boolean all;

    @Option(names = "--collection", paramLabel = "NAME", description = "collection (default: the one DIR was indexed into); one codebase only")
    String collection;

    @Option(names = {"-k", "--top-k"}, paramLabel = "N", defaultValue = "10", description = "results per query (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--lang", paramLabel = "L", description = "only this language (repeatable)")
    List<String> languages = List.of();

    @Option(names = "--type", paramLabel = "T", description = "only this entity type: function, method, class... (repeatable)")
    List<String> types = List.of();

    @Option(names = "--path-glob", paramLabel = "G", description = "only files matching this glob, e.g. 'src/**/*.java' or '*Test.java'")
    String pathGlob;

    @Option(names = "--lines", paramLabel = "A-B", description = "only chunks overlapping these lines")
    String lines;

    @Option(names = "--mode", paramLabel = "MODE", description = "hybrid (default), dense or lexical (overrides search.mode)")
    String mode;

    @Option(names = "--json", description = "one JSON object per query: {\"query\": ..., \"results\": [...]}")
    boolean json;

    @Option(names = "--group-by", paramLabel = "file", description = "'file': show each file once, with its best hit")
    String groupBy;

    @ArgGroup(multiplicity = "1")
    QueryInput input;

    static final class QueryInput {
        @Parameters(paramLabel = "QUERY", description = "what to look for", arity = "1..*")
        List<String> words;

        @Option(names = "--queries", paramLabel = "FILE", description = "answer every line of FILE as a query, in one process")
        Path queriesFile;
    }

    private boolean groupByFile() {
        if (groupBy == null) {
            return false;
        }
        if (!groupBy.equals("file")) {
            throw new InvalidInputException("--group-by takes 'file', got '" + groupBy + "'");
        }
        return true;
    }

    @Override
    public Integer call() {
        long[] range = lines == null ? new long[] {0, 0} : SearchOptions.parseLines(lines);
        List<String> queries = queries();
        List<Workspace> workspaces = workspaces();
        SearchSettings s = workspaces.getFirst().config().search();
        SearchOptions options = SearchOptions.builder().topK(topK).languages(languages).entityTypes(types)
                .pathGlob(pathGlob).lines(range[0], range[1]).groupByFile(groupByFile()).build()
                .rankedBy(s, mode == null ? null : SearchMode.parse(mode));
        if (all || workspaces.size() > 1) {
            return searchAcross(workspaces, queries, options);
        }
        Workspace ws = workspaces.getFirst();
        List<List<SearchHit>> results;
        Double coverage = null;
        try (Codebase codebase = ws.openIndexed()) {
            Searcher searcher = new Searcher(codebase);
            results = searcher.search(queries, options);
            if (options.mode() != SearchMode.LEXICAL) {
                coverage = searcher.denseCoverage();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json && coverage != null && coverage < 1) {
            out.println(Searcher.coverageNote(coverage));
        }
        for (int i = 0; i < queries.size(); i++) {
            out.print(json ? jsonLine(queries.get(i), results.get(i), coverage)
                    : Reports.hits(queries.get(i), results.get(i)));
        }
        out.flush();
        return Main.OK;
    }

    /** The codebases to search: as --path names them (the current directory by default), or every one (--all). */
    private List<Workspace> workspaces() {
        if (collection != null && (all || paths.size() > 1)) {
            throw new InvalidInputException("--collection names the collection of one codebase; leave it out to search "
                    + "several");
        }
        if (all && !paths.isEmpty()) {
            throw new InvalidInputException("--all searches every indexed codebase; leave out --path, or --all");
        }
        if (rev != null) {
            if (all || paths.size() > 1) {
                throw new InvalidInputException("--rev names a revision of one repository; give one --path with it");
            }
            return List.of(Workspace.ofIndexed(common, paths.isEmpty() ? Path.of("") : paths.getFirst(), rev,
                    collection));
        }
        String store = all ? VectorStoreFactory.provider(common.loadConfig().vectorStore()).type() : null;
        List<Path> roots = all ? IndexLocation.indexedCodebases(common.env(), store)
                : paths.isEmpty() ? List.of(Path.of("")) : paths;
        if (roots.isEmpty()) {
            throw new InvalidInputException("no codebase is indexed under " + IndexLocation.dataHome(common.env())
                    + " into the " + store + " store yet; index one first: code-indexer index DIR");
        }
        return roots.stream().distinct().map(p -> Workspace.of(common, p, collection, false)).toList();
    }

    /** One ranking over several codebases, every hit naming its codebase. */
    private int searchAcross(List<Workspace> workspaces, List<String> queries, SearchOptions options) {
        List<Codebase> open = new ArrayList<>();
        List<List<CodebaseHit>> results;
        Double coverage = null;
        try {
            for (Workspace ws : workspaces) {
                open.add(ws.openIndexed());
            }
            results = AcrossCodebases.search(open, queries, options);
            if (options.mode() != SearchMode.LEXICAL) {
                coverage = AcrossCodebases.denseCoverage(open);
            }
        } finally {
            open.forEach(Codebase::close);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!json && coverage != null && coverage < 1) {
            out.println(Searcher.coverageNote(coverage));
        }
        for (int i = 0; i < queries.size(); i++) {
            out.print(json ? jsonLine(queries.get(i), results.get(i), coverage)
                    : Reports.hitsAcross(queries.get(i), results.get(i)));
        }
        out.flush();
        return Main.OK;
    }

    private List<String> queries() {
        if (input.queriesFile == null) {
            return List.of(String.join(" ", input.words));
        }
        try {
            List<String> all = Files.readAllLines(input.queriesFile).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            if (all.isEmpty()) {
                throw new InvalidInputException("--queries " + input.queriesFile + " holds no query");
            }
            return all;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read --queries " + input.queriesFile + ": " + e.getMessage());
        }
    }

    private static String jsonLine(String query, List<?> hits, Double coverage) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("query", query);
        if (coverage != null) {
            line.put("dense_coverage", coverage);
        }
        line.put("results", hits);
        try {
            return JSON.writeValueAsString(line) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
