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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Fill the index of a codebase from a file 'export' wrote, into the configured store, embedding "
                + "nothing; refused when the file was built with another model or chunker than this config's.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "FILE", description = "the archive 'export' wrote")
    Path archive;

    @Option(names = "--path", paramLabel = "DIR",
            description = "the codebase the index is of (default: the one it was exported from)")
    Path path;

    @Option(names = "--collection", paramLabel = "NAME", description = "collection (default: derived from DIR)")
    String collection;

    @Override
    public Integer call() {
        Path file = archive.toAbsolutePath();
        Path root = path != null ? path : Path.of(IndexArchive.read(file).codebase());
        Workspace ws = Workspace.of(common, root, collection, false);
        IndexArchive.Header header;
        String store;
        try (Codebase codebase = ws.open()) {
            header = IndexArchive.importInto(codebase, file, ws.batchSize());
            store = codebase.store().type();
        }
        spec.commandLine().getOut().printf("Imported %d chunks into the %s index of %s, nothing embedded%n",
                header.rows(), store, Printable.field(ws.location().codebase().toString()));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
