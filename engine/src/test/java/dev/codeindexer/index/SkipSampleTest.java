package dev.codeindexer.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.chunk.walk.Skip;
import dev.codeindexer.chunk.walk.SkipReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkipSampleTest {
    @Test
    void theSampleStartsWithOneSkipOfEachReasonSoNoReasonGoesUnexplained() {
        List<Skip> skips = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            skips.add(new Skip("build/gen" + i + ".java", SkipReason.IGNORED, ".gitignore: build/"));
        }
        skips.add(new Skip("assets/logo.png", SkipReason.BINARY, "NUL byte"));
        skips.add(Skip.unreadable("src/Secret.java", new java.nio.file.AccessDeniedException("/r/src/Secret.java")));
        for (SkipReason reason : SkipReason.values()) {
            skips.add(new Skip("more/" + reason, reason));
        }

        List<Skip> sample = Indexer.sample(skips);
        assertThat(sample).hasSize(20);
        assertThat(sample.subList(0, SkipReason.values().length)).extracting(Skip::reason)
                .containsExactly(SkipReason.values());
        assertThat(sample).extracting(Skip::path).contains("build/gen0.java", "assets/logo.png", "src/Secret.java");
        assertThat(sample).doesNotHaveDuplicates();
    }
}
