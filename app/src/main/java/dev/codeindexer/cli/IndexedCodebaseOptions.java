package dev.codeindexer.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command that reads an index names it: the codebase (the current directory by default) and its collection. */
final class IndexedCodebaseOptions {
    @Option(names = "--path", paramLabel = "DIR", description = "the indexed codebase (default: the current directory)")
    Path path;

    @Option(names = "--collection", paramLabel = "NAME", description = "collection (default: the one DIR was indexed into)")
    String collection;

    @Option(names = "--rev", paramLabel = "REV",
            description = "the git revision of DIR's repository indexed with 'index --rev REV' (a branch, tag or commit)")
    String rev;

    /** The workspace of the named codebase's existing index. */
    Workspace workspace(CommonOptions common) {
        return Workspace.ofIndexed(common, path == null ? Path.of("") : path, rev, collection);
    }
}
