package dev.codeindexer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.walk.RepositoryWalker;
import dev.codeindexer.chunk.walk.SourceFile;
import dev.codeindexer.chunk.walk.WalkEntry;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.eval.DocQueries;
import dev.codeindexer.eval.EvalQuery;
import dev.codeindexer.eval.EvalReport;
import dev.codeindexer.eval.Evaluation;
import dev.codeindexer.eval.NaiveBaseline;
import dev.codeindexer.eval.SvgChart;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.Indexer;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.store.SearchMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure retrieval quality per search mode on source trees, the CodeSearchNet way: the first "
                + "sentence of each documented function is a query, that function its answer, and the doc comments "
                + "are kept out of the index.", "Fetch corpora with eval/fetch-corpora.sh."})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "CORPUS_DIR", arity = "1..*", description = "unpacked source trees, one corpus each")
    List<Path> corpora;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "hand-written queries for the one CORPUS_DIR, instead of doc queries: JSON lines "
                    + "{query, file, line} (a hit answers when its range holds that declaration line; see "
                    + "eval/questions), or {query, file_path, start_line, end_line}. The index keeps doc comments, "
                    + "as users index, and the naive baseline (fixed windows, same model, brute force; BM25) runs beside it")
    Path queriesFile;

    @Option(names = "--max-queries", paramLabel = "N", defaultValue = "400", description = "doc queries sampled per corpus (default: ${DEFAULT-VALUE}; 0 = all)")
    int maxQueries;

    @Option(names = "--modes", split = ",", paramLabel = "MODE", defaultValue = "lexical,dense,hybrid",
            description = "modes to compare (default: ${DEFAULT-VALUE})")
    List<String> modes;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "eval-report", description = "where report.json and chart.svg go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "sampling seed")
    long seed;

    @Option(names = "--skip-baseline",
            description = "with --queries: leave out the naive baseline (it embeds every file again), to compare settings quickly")
    boolean skipBaseline;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "also write, per query (JSON lines), its dense and lexical candidates (to compare fusions offline), "
                    + "its rank in each mode and the hybrid top 10 (to see what outranks the answer)")
    Path trace;

    @Override
    public Integer call() throws IOException {
        if (queriesFile != null && corpora.size() != 1) {
            throw new InvalidInputException("--queries goes with exactly one CORPUS_DIR");
        }
        List<SearchMode> searchModes = modes.stream().map(SearchMode::parse).toList();
        PrintWriter err = spec.commandLine().getErr();
        Evaluation evaluation = new Evaluation();
        List<String> names = new ArrayList<>();
        PrintWriter traceOut = trace == null ? null : new PrintWriter(Files.newBufferedWriter(trace));
        java.util.function.Consumer<Map<String, Object>> tracer = traceOut == null ? null : line -> {
            try {
                traceOut.println(JSON.writeValueAsString(line));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        boolean handWritten = queriesFile != null;
        for (Path corpus : corpora) {
            Workspace ws = Workspace.forEval(common, corpus, handWritten ? "questions" : "docsentences");
            String name = corpus.toAbsolutePath().normalize().getFileName().toString();
            names.add(name);
            try (Codebase codebase = ws.open(); Chunker chunker = ws.chunker(codebase.model())) {
                // An eval index is scratch: one that an older version or another setup built is rebuilt.
                boolean rebuild = codebase.builtDifferently();
                err.println("eval: indexing " + corpus + (handWritten ? "" : " without doc comments")
                        + (rebuild ? " (rebuilding)" : "") + "...");
                err.flush();
                var report = new Indexer(codebase, chunker, ws.walkOptions(), ws.batchSize(),
                        handWritten ? c -> c : DocQueries::withoutDoc).run(rebuild, p -> { });
                err.printf("eval: %d files, %d chunks written in %.1f s%n", report.filesSeen(), report.chunksWritten(),
                        report.millis() / 1000.0);
                List<EvalQuery> queries = queriesFile != null ? readQueries(name) : docQueries(ws, chunker, name);
                err.println("eval: " + queries.size() + " queries on " + name);
                err.flush();
                // Each mode is measured in turn, so the config's mode is only a placeholder here.
                SearchOptions options = SearchOptions.topK(10).rankedBy(ws.config().search(), null);
                evaluation.score(codebase, queries, searchModes, options, tracer);
                if (handWritten && !skipBaseline) {
                    NaiveBaseline baseline = new NaiveBaseline(codebase.model());
                    forEachSourceFile(ws, baseline::add);
                    baseline.build();
                    err.println("eval: naive baseline of " + baseline.windows() + " windows of "
                            + NaiveBaseline.WINDOW_LINES + " lines");
                    err.flush();
                    evaluation.scoreBaseline(baseline, queries);
                }
            }
        }
        if (traceOut != null) {
            traceOut.close();
        }
        EvalReport report = evaluation.report(names);
        Files.createDirectories(out);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("report.json").toFile(), report);
        Files.writeString(out.resolve("chart.svg"), SvgChart.render(report));
        PrintWriter o = spec.commandLine().getOut();
        o.print(report.table());
        o.println("report: " + out.resolve("report.json") + "  chart: " + out.resolve("chart.svg"));
        o.flush();
        return Main.OK;
    }

    private List<EvalQuery> docQueries(Workspace ws, Chunker chunker, String name) {
        List<Chunk> chunks = new ArrayList<>();
        forEachSourceFile(ws, (path, text) -> chunks.addAll(chunker.chunk(path, text)));
        return DocQueries.from(name, chunks, maxQueries, seed);
    }

    /** Every file the corpus's index holds, as indexing walks them: its path and text. */
    private static void forEachSourceFile(Workspace ws, java.util.function.BiConsumer<String, String> file) {
        try (Stream<WalkEntry> entries = RepositoryWalker.create(ws.location().codebase(), ws.walkOptions()).entries()) {
            entries.forEach(e -> {
                if (e instanceof SourceFile f) {
                    file.accept(f.path(), f.readText());
                }
            });
        }
    }

    private List<EvalQuery> readQueries(String name) throws IOException {
        List<EvalQuery> queries = new ArrayList<>();
        int line = 0;
        for (String text : Files.readAllLines(queriesFile)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            Map<?, ?> m = JSON.readValue(text, Map.class);
            Object file = m.containsKey("file") ? m.get("file") : m.get("file_path");
            if (!(m.get("query") instanceof String q) || !(file instanceof String path)) {
                throw new InvalidInputException(queriesFile + ":" + line + " needs \"query\" and \"file\" (or \"file_path\")");
            }
            long from = m.containsKey("line") ? number(m.get("line")) : number(m.get("start_line"));
            long to = m.containsKey("line") ? number(m.get("line")) : number(m.get("end_line"));
            Object entity = m.containsKey("entity") ? m.get("entity") : m.get("entity_id");
            queries.add(new EvalQuery(q, name, m.get("language") == null ? language(path) : String.valueOf(m.get("language")),
                    path, entity == null ? null : String.valueOf(entity), from, to));
        }
        return queries;
    }

    /** The language of a query's answer, from its file, for the per-language figures. */
    private static String language(String path) {
        return dev.codeindexer.chunk.LanguageDetector.detect(path, null).id();
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
