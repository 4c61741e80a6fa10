package dev.codeindexer.chunk.walk;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a walk found: source files, their total size, and skipped paths by reason.
 *
 * @param files   source files yielded
 * @param bytes   their total size
 * @param skipped skipped paths by reason; reasons that did not occur are absent
 */
public record WalkReport(long files, long bytes, Map<SkipReason, Long> skipped) {

    public WalkReport {
        EnumMap<SkipReason, Long> copy = new EnumMap<>(SkipReason.class);
        copy.putAll(skipped);
        skipped = Collections.unmodifiableMap(copy);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }
}
