package dev.codeindexer.cli;

import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.IndexArchive;
import dev.codeindexer.text.Printable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the index of a codebase (rows, vectors, fingerprint, manifest, symbols) to one file, "
                + "for 'import' into another store without embedding again.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "the archive to write (a zip)")
    Path out;

    @Override
    public Integer call() {
        Workspace ws = indexed.workspace(common);
        IndexArchive.Header header;
        try (Codebase codebase = ws.openIndexed()) {
            header = codebase.read(() -> IndexArchive.export(codebase, out.toAbsolutePath()));
        }
        spec.commandLine().getOut().printf("Exported %d chunks of %s (%s store, model %s) to %s%n", header.rows(),
                Printable.field(header.codebase()), header.store(),
                Printable.field(header.properties().getOrDefault("model_id", "?")), Printable.field(out.toString()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
