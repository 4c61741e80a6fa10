package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.index.IndexProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aTerminalGetsABarThatMovesWithEveryChunkAndAnEtaFromTheEmbeddingRate() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress p = Progress.withClock(new PrintWriter(out), true, now::get);
        p.update(new IndexProgress("lexical", 10, 40, 120, 0, -1, 500, 0));
        assertThat(out.toString()).contains("storing 10/40 files").contains(" 25%").doesNotContain("ETA");
        now.addAndGet(SECOND);
        p.update(new IndexProgress("embedding", 40, 40, 400, 0, 400, 2_000, 0));
        assertThat(out.toString()).contains("embedding 0/400 chunks").contains("all 40 files searchable");
        now.addAndGet(SECOND);
        p.update(new IndexProgress("embedding", 40, 40, 400, 100, 400, 12_000, 10_000));
        // 100 chunks in 10 s: 300 left take 30 s.
        assertThat(out.toString()).contains("embedding 100/400 chunks").contains("10.0 chunks/s").contains("ETA 30s")
                .contains("[######..................]  25%");
        p.done();
        assertThat(out.toString()).endsWith("\r\033[K");
    }

    @Test
    void logsGetAPlainLineWhenEmbeddingStartsAndEveryTenSecondsNoBar() {
        StringWriter out = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress p = Progress.withClock(new PrintWriter(out), false, now::get);
        p.update(new IndexProgress("lexical", 1, 40, 3, 0, -1, 10, 0));
        now.addAndGet(SECOND);
        p.update(new IndexProgress("lexical", 40, 40, 400, 0, -1, 1_000, 0));
        assertThat(out.toString()).as("a short phase prints nothing").isEmpty();
        p.update(new IndexProgress("embedding", 40, 40, 400, 0, 400, 1_000, 0));
        now.addAndGet(5 * SECOND);
        p.update(new IndexProgress("embedding", 40, 40, 400, 50, 400, 6_000, 5_000));
        now.addAndGet(6 * SECOND);
        p.update(new IndexProgress("embedding", 40, 40, 400, 110, 400, 12_000, 11_000));
        assertThat(out.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("index: ["));
        assertThat(out.toString()).doesNotContain("\r").contains("embedding 110/400 chunks");
    }
}
