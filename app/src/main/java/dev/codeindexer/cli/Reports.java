package dev.codeindexer.cli;

import dev.codeindexer.chunk.walk.Skip;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.IndexReport;
import dev.codeindexer.search.CodebaseHit;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.text.Printable;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Human-readable renderings of reports and results. Paths, names and code come from repositories, so whatever
 * could act on a terminal in them is escaped ({@link Printable}); {@code --json} output is exact instead.
 */
final class Reports {
    private static final int SNIPPET_LINES = 6;

    private Reports() {
    }

    static String summary(IndexReport r, IndexLocation location) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Indexed %s into collection '%s' in %.1f s%n",
                Printable.field(location.codebase().toString()),
                location.collection(), r.millis() / 1000.0));
        s.append(String.format(Locale.ROOT, "  files: %d seen, %d indexed, %d unchanged, %d removed, %d skipped%n",
                r.filesSeen(), r.filesIndexed(), r.filesUnchanged(), r.filesRemoved(), r.skippedTotal()));
        double seconds = Math.max(r.millis(), 1) / 1000.0;
        s.append(String.format(Locale.ROOT, "  chunks: %d written (%.1f chunks/s), %d stale deleted, %d embedded%n",
                r.chunksWritten(), r.chunksWritten() / seconds, r.chunksDeleted(), r.embedded()));
        if (!r.skipped().isEmpty()) {
            s.append("  skipped by reason: ").append(r.skipped().entrySet().stream()
                    .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "=" + e.getValue())
                    .sorted().collect(Collectors.joining(", "))).append('\n');
            // One example of each reason (the sample starts with the first of each), so none goes unexplained.
            for (Skip skip : r.skipSample().stream().limit(r.skipped().size()).toList()) {
                s.append("    ").append(Printable.field(skip.path())).append(" (")
                        .append(skip.reason().name().toLowerCase(Locale.ROOT))
                        .append(skip.detail() == null || skip.detail().isEmpty() ? "" : ": " + Printable.field(skip.detail()))
                        .append(")\n");
            }
        }
        s.append("  index: ").append(Printable.field(location.dir().toString()));
        return s.toString();
    }

    static String hits(String query, List<SearchHit> hits) {
        return hits(query, hits, hits.stream().map(SearchHit::filePath).toList());
    }

    /** Hits from several codebases, each file named by its absolute path. */
    static String hitsAcross(String query, List<CodebaseHit> hits) {
        return hits(query, hits.stream().map(CodebaseHit::hit).toList(),
                hits.stream().map(h -> Path.of(h.codebase()).resolve(h.hit().filePath()).toString()).toList());
    }

    private static String hits(String query, List<SearchHit> hits, List<String> files) {
        StringBuilder s = new StringBuilder();
        if (hits.isEmpty()) {
            return "No results for: " + Printable.field(query) + "\n";
        }
        int rank = 1;
        for (SearchHit h : hits) {
            s.append(String.format(Locale.ROOT, "%d. %s:%d-%d  %s %s  [%s]  score %.3f%s%n", rank,
                    Printable.field(files.get(rank++ - 1)), h.startLine(), h.endLine(), Printable.field(h.entityType()),
                    Printable.field(h.entityId()), Printable.field(h.language()), h.score(),
                    h.matchStartLine() == h.startLine() && h.matchEndLine() == h.endLine() ? ""
                            : "  (matched " + h.matchStartLine() + "-" + h.matchEndLine() + ")"));
            List<String> lines = Printable.lines(h.content()).lines().toList();
            lines.stream().limit(SNIPPET_LINES).forEach(l -> s.append("     ").append(l).append('\n'));
            if (lines.size() > SNIPPET_LINES) {
                s.append("     ... (").append(lines.size() - SNIPPET_LINES).append(" more lines)\n");
            }
        }
        return s.toString();
    }
}
