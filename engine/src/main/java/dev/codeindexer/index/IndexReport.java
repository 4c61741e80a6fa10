package dev.codeindexer.index;

import dev.codeindexer.chunk.walk.Skip;
import dev.codeindexer.chunk.walk.SkipReason;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one indexing run. Skipped files are data, counted by reason, with a sample for display.
 *
 * @param filesSeen      source files the walk found
 * @param filesIndexed   new or changed files whose chunks were (re)written
 * @param filesUnchanged files left as they were
 * @param filesRemoved   files gone since the last run, whose chunks were deleted
 * @param chunksWritten  chunks embedded and stored in this run
 * @param chunksDeleted  stale chunks deleted (of changed and removed files)
 * @param embedded       chunks the model embedded (the rest came from the embedding cache)
 * @param skipped        skipped paths by reason
 * @param skipSample     the first skips, for display
 * @param millis         wall time of the run
 */
public record IndexReport(long filesSeen, long filesIndexed, long filesUnchanged, long filesRemoved,
                          long chunksWritten, long chunksDeleted, long embedded, Map<SkipReason, Long> skipped,
                          List<Skip> skipSample, long millis) {
    public IndexReport {
        skipped = Map.copyOf(skipped);
        skipSample = List.copyOf(skipSample);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
