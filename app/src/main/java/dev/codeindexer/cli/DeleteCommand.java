package dev.codeindexer.cli;

import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.IndexLock;
import dev.codeindexer.text.Printable;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Remove one file's chunks, or the whole index, of a codebase.")
final class DeleteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--path", paramLabel = "DIR", required = true, description = "the indexed codebase")
    Path path;

    @Option(names = "--collection", paramLabel = "NAME", description = "collection (default: the one DIR was indexed into)")
    String collection;

    @Option(names = "--rev", paramLabel = "REV", description = "the git revision of DIR's repository indexed with "
            + "'index --rev REV'")
    String rev;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--file", paramLabel = "REL", description = "a file path relative to DIR, '/' separated")
        String file;

        @Option(names = "--all", description = "the whole index of DIR")
        boolean all;
    }

    @Override
    public Integer call() {
        Workspace ws = Workspace.ofIndexed(common, path, rev, collection);
        try (Codebase codebase = ws.openIndexed();
             IndexLock lock = IndexLock.acquire(ws.location(), target.all ? "delete --all" : "delete --file", false)) {
            if (target.all) {
                codebase.deleteAll();
                spec.commandLine().getOut().println("Deleted the index of "
                        + Printable.field(ws.location().codebase().toString())
                        + " (collection '" + codebase.collection() + "')");
            } else {
                long n = codebase.deleteFile(target.file.replace('\\', '/'));
                spec.commandLine().getOut().println("Deleted " + n + " chunks of " + Printable.field(target.file));
            }
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
