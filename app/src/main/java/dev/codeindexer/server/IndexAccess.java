package dev.codeindexer.server;

import dev.codeindexer.config.SearchSettings;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.DryRun;
import dev.codeindexer.index.GitRevision;
import dev.codeindexer.index.IndexProgress;
import dev.codeindexer.index.IndexReport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the servers reach the indexes of codebases. The CLI implements it with its composition root, so the HTTP
 * and MCP servers open, index and search a codebase exactly as the {@code index} and {@code search} commands do.
 */
public interface IndexAccess {
    /** Connects to the index of the codebase at {@code root} (absolute, normalised); the index need not exist yet. */
    Codebase open(Path root);

    /**
     * Whether the codebase at {@code root} has been indexed where this server looks for its index, answered
     * without opening (and so creating) anything.
     */
    boolean hasIndex(Path root);

    /** The roots of the codebases indexed where this server looks for indexes, into its store. */
    List<Path> indexedCodebases();

    /** Brings the index of an open codebase up to date, as {@code code-indexer index} does. */
    IndexReport index(Codebase codebase, boolean full, Consumer<IndexProgress> progress);

    /**
     * The revision {@code rev} of the repository holding {@code repository}, its tree where this server unpacks
     * revisions ({@code index --rev}).
     */
    GitRevision revision(Path repository, String rev);

    /** What indexing {@code root} would do, written nowhere ({@code index --dry-run}). */
    DryRun.Report dryRun(Path root);

    /** The configured ranking defaults: the config file's {@code search} block. */
    SearchSettings searchSettings();

    /**
     * Checks that the configured store can be reached, without opening any codebase's index.
     *
     * @throws RuntimeException (a store or I/O exception) saying what is unreachable
     */
    void probeStore();
}
