package dev.codeindexer.cli;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.GitRevision;
import dev.codeindexer.index.IndexLock;
import dev.codeindexer.index.IndexReport;
import dev.codeindexer.index.IndexStoppedException;
import dev.codeindexer.index.Watcher;
import dev.codeindexer.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a codebase (incrementally: only new and changed files are embedded again); with --watch, keep it up to date.")
final class IndexCommand implements Callable<Integer> {
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

    @Option(names = "--dry-run", description = "write nothing: print the files, chunks and tokens per language, "
            + "the time embedding would take on this machine (from a short calibration), the index size, and "
            + "warnings for likely mistakes with the ignore rule to add")
    boolean dryRun;

    @Option(names = "--json", description = "with --dry-run: one JSON object")
    boolean json;

    @Option(names = "--watch", description = "then keep watching DIR: re-index changed files and remove deleted ones "
            + "as they happen, until Ctrl-C")
    boolean watch;

    @Option(names = "--wait", description = "when another process is writing this index, wait for it to finish "
            + "instead of stopping with its name")
    boolean waitForLock;

    @Option(names = "--rev", paramLabel = "REV", description = "index this git revision (a branch, tag or commit) of "
            + "DIR's repository without checking it out: its committed files are unpacked once under the data dir and "
            + "indexed there; other commands read it with --rev REV")
    String rev;

    @Option(names = "--debounce-ms", paramLabel = "MS", defaultValue = "500",
            description = "with --watch: wait until files have been quiet this long before re-indexing (default: ${DEFAULT-VALUE})")
    long debounceMs;

    @Override
    public Integer call() {
        Workspace ws = rev == null ? Workspace.of(common, dir, collection, true) : revision();
        if (dryRun) {
            if (watch || full) {
                throw new InvalidInputException("--dry-run writes nothing, so it goes with neither --watch nor --full");
            }
            DryRunReport.print(spec.commandLine().getOut(), ws, json);
            return Main.OK;
        }
        // One writer per index, across processes: taken before the index is opened, held to the end (of the watch).
        String action = "index" + (full ? " --full" : "") + (watch ? " --watch" : "");
        if (!watch) {
            // Ctrl-C and SIGTERM ask the run to stop at its next file or embedding call, and the process exits once
            // the store has closed: ending the JVM under a running model would let ONNX Runtime's shutdown hook
            // release its environment under that call (a native crash).
            AtomicBoolean stopRequested = new AtomicBoolean();
            try (StopSignal stop = new StopSignal();
                 IndexLock lock = IndexLock.acquire(ws.location(), action, waitForLock);
                 Codebase codebase = ws.openForIndexing(full); Chunker chunker = ws.chunker(codebase.model())) {
                stop.onStop(() -> stopRequested.set(true));
                indexOnce(ws, codebase, chunker, stopRequested::get);
            } catch (IndexStoppedException e) {
                spec.commandLine().getErr().println("code-indexer: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.STOPPED;
            }
            return Main.OK;
        }
        if (debounceMs < 0) {
            throw new InvalidInputException("--debounce-ms must not be negative, got " + debounceMs);
        }
        try (StopSignal stop = new StopSignal();
             IndexLock lock = IndexLock.acquire(ws.location(), action, waitForLock);
             Codebase codebase = ws.openForIndexing(full);
             Chunker chunker = ws.chunker(codebase.model());
             // Watching starts before the first run, so that nothing edited during it is missed.
             Watcher watcher = new Watcher(ws.location().codebase(), ws.walkOptions().excludedDirectories(),
                     Duration.ofMillis(debounceMs), changed -> reindex(ws, codebase, chunker, changed))) {
            stop.onStop(watcher::close); // on Ctrl-C a re-index under way finishes; then the loop ends
            indexOnce(ws, codebase, chunker, () -> false); // Ctrl-C lets a run under way finish (above)
            PrintWriter out = spec.commandLine().getOut();
            out.println("Watching " + Printable.field(ws.location().codebase().toString()) + " for changes (Ctrl-C stops)");
            out.flush();
            watcher.run();
            // An interrupt that ended the watch has done its work; left set, it would fail the store's final commit.
            Thread.interrupted();
        }
        return Main.OK;
    }

    /** The workspace of the revision --rev names, its files unpacked first if they are not yet. */
    private Workspace revision() {
        if (watch) {
            throw new InvalidInputException("--rev indexes a commit, which never changes; leave out --watch");
        }
        GitRevision revision = GitRevision.resolve(dir, rev, common.env());
        PrintWriter out = spec.commandLine().getOut();
        if (revision.materialize()) {
            out.println("Unpacked " + Printable.field(revision.describe()) + " into " + Printable.field(revision.tree().toString()));
        }
        out.flush();
        return Workspace.of(common, revision.tree(), collection, true);
    }

    private void indexOnce(Workspace ws, Codebase codebase, Chunker chunker, BooleanSupplier stopRequested) {
        Progress progress = Progress.forTerminal(spec.commandLine().getErr(), System.console() != null);
        IndexReport report;
        try {
            report = ws.indexer(codebase, chunker).stoppedWhen(stopRequested).run(full, progress::update);
        } finally {
            progress.done();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Reports.summary(report, ws.location()));
        out.flush();
    }

    /**
     * One debounced batch of changes: an incremental run, which walks with the ignore rules, re-embeds only what
     * changed and deletes what is gone. Changes inside the index's own directory (an index kept in the tree with
     * --index-dir) are its own writes, not edits.
     */
    private void reindex(Workspace ws, Codebase codebase, Chunker chunker, Set<Path> changed) {
        Path indexDir = ws.location().dir();
        if (changed.stream().allMatch(p -> p.startsWith(indexDir))) {
            return;
        }
        IndexReport r = ws.indexer(codebase, chunker).run(false, p -> { });
        if (r.filesIndexed() + r.filesRemoved() == 0) {
            return;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s re-indexed: %d changed, %d removed, %d chunks written, %d deleted (%d ms)%n",
                LocalTime.now().truncatedTo(ChronoUnit.SECONDS), r.filesIndexed(), r.filesRemoved(), r.chunksWritten(),
                r.chunksDeleted(), r.millis());
        out.flush();
    }
}
