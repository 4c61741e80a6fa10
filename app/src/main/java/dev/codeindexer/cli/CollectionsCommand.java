package dev.codeindexer.cli;

import dev.codeindexer.index.Codebase;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "collections", mixinStandardHelpOptions = true,
        description = "List the collections in the store (for an embedded store: in the index directory of --path).")
final class CollectionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--path", paramLabel = "DIR", description = "a codebase, to find its embedded index (default: the current directory)")
    Path path;

    @Override
    public Integer call() {
        Workspace ws = Workspace.of(common, path == null ? Path.of("") : path, null, false);
        try (Codebase codebase = ws.openIndexed()) {
            for (String name : codebase.store().listCollections()) {
                spec.commandLine().getOut().println(name);
            }
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
