package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.chunk.walk.Skip;
import dev.codeindexer.chunk.walk.SkipReason;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.IndexReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportsTest {
    @Test
    void theSummaryCountsAndExplainsEverySkipReason() {
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        Arrays.stream(SkipReason.values()).forEach(r -> counts.put(r, 3L));
        List<Skip> sample = Arrays.stream(SkipReason.values())
                .map(r -> new Skip("x/" + r.name().toLowerCase(Locale.ROOT), r, "because " + r)).toList();
        IndexReport report = new IndexReport(40, 5, 5, 0, 50, 0, 50, counts, sample, 1200);
        String summary = Reports.summary(report, new IndexLocation(Path.of("/repo"), Path.of("/data/repo"), "repo_1", 0,
                Path.of("/data/cache")));

        for (SkipReason r : SkipReason.values()) {
            String name = r.name().toLowerCase(Locale.ROOT);
            assertThat(summary).contains(name + "=3").contains("x/" + name + " (" + name + ": because " + r + ")");
        }
    }
}
