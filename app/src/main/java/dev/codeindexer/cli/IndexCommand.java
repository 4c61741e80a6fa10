package dev.codeindexer.cli;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.IndexReport;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a codebase (incrementally: only new and changed files are embedded again).")
final class IndexCommand implements Callable<Integer>, Main.EnvAware {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "DIR", description = "the codebase to index")
    Path dir;

    @Option(names = "--collection", paramLabel = "NAME", description = "collection name (default: derived from DIR)")
    String collection;

    @Option(names = "--full", description = "drop the existing index of DIR and rebuild it from scratch")
    boolean full;

    private Map<String, String> env = System.getenv();

    @Override
    public void env(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Workspace ws = Workspace.of(common, env, dir, collection, true);
        Progress progress = Progress.forTerminal(spec.commandLine().getErr(), System.console() != null);
        IndexReport report;
        try (Codebase codebase = ws.open(); Chunker chunker = ws.chunker(codebase.model())) {
            report = ws.indexer(codebase, chunker).run(full, progress::update);
        } finally {
            progress.done();
        }
        var out = spec.commandLine().getOut();
        out.println(Reports.summary(report, ws.location()));
        out.flush();
        return Main.OK;
    }
}
