package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One chunker serves many threads and gives each the same chunks it would give one thread. */
class ConcurrencyTest {

    @Test
    void parallelChunkingMatchesSequentialChunking() throws Exception {
        List<String> files = MalformedInputTest.sampleFiles().toList();
        try (Chunker chunker = Chunker.create()) {
            Map<String, List<Chunk>> expected = new HashMap<>();
            for (String file : files) {
                expected.put(file, chunker.chunk(file, Samples.read(file)));
            }
            List<Future<Boolean>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
                for (int task = 0; task < 6; task++) {
                    int offset = task;
                    results.add(pool.submit(() -> {
                        boolean same = true;
                        for (int round = 0; round < 10; round++) {
                            for (int i = 0; i < files.size(); i++) {
                                String file = files.get((i + offset) % files.size());
                                same &= chunker.chunk(file, Samples.read(file)).equals(expected.get(file));
                            }
                        }
                        return same;
                    }));
                }
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        }
    }

    @Test
    void aClosedChunkerRefusesWork() {
        Chunker chunker = Chunker.create();
        chunker.close();

        assertThatThrownBy(() -> chunker.chunk("a.go", "package a\nfunc A() {}\n"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
