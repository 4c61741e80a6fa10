package dev.codeindexer.embed.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.embed.FakeEmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbeddingModelTest {
    private static final int DIM = 16;

    @TempDir
    Path dir;

    private static List<String> texts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "void m" + i + "() {}").toList();
    }

    private Path cacheFile(String modelId) {
        return dir.resolve(CachingEmbeddingModel.fileName(modelId));
    }

    @Test
    void theSecondRunEmbedsNothingAndReturnsTheSameVectors() {
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir)) {
            List<float[]> first = cache.embedDocuments(texts(50));
            assertThat(fake.embedded.get()).isEqualTo(50);
            List<float[]> second = cache.embedDocuments(texts(50));
            assertThat(fake.embedded.get()).isEqualTo(50);
            for (int i = 0; i < 50; i++) {
                assertThat(second.get(i)).containsExactly(first.get(i));
            }
            assertThat(cache.stats()).isEqualTo(new CacheStats(50, 50, 50, Files.exists(cacheFile("fake:a"))
                    ? sizeOf(cacheFile("fake:a")) : -1, true));
        }
    }

    @Test
    void onlyNewAndChangedTextsReachTheModel() {
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir)) {
            cache.embedDocuments(texts(10));
            List<String> mixed = new ArrayList<>(texts(10));
            mixed.set(3, "void changed() {}");
            mixed.add("void added() {}");
            mixed.add("void added() {}");
            List<float[]> vectors = cache.embedDocuments(mixed);
            assertThat(fake.embedded.get()).isEqualTo(12);
            assertThat(vectors.get(3)).containsExactly(fake.documentVector("void changed() {}"));
            assertThat(vectors.get(11)).containsExactly(fake.documentVector("void added() {}"));
            assertThat(cache.stats().hits()).isEqualTo(9 + 1);
        }
    }

    @Test
    void entriesSurviveARestart() {
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(new FakeEmbeddingModel("fake:a", DIM), dir)) {
            cache.embedDocuments(texts(30));
        }
        FakeEmbeddingModel fresh = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fresh, dir)) {
            List<float[]> vectors = cache.embedDocuments(texts(30));
            assertThat(fresh.embedded.get()).isZero();
            assertThat(vectors.get(7)).containsExactly(fresh.documentVector(texts(30).get(7)));
            assertThat(cache.stats().entries()).isEqualTo(30);
        }
    }

    @Test
    void queriesAreEmbeddedAsQueriesAndNeverStored() {
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir)) {
            float[] doc = cache.embedDocuments(List.of("parse")).getFirst();
            float[] query = cache.embedQuery("parse");
            assertThat(query).containsExactly(fake.queryVector("parse")).isNotEqualTo(doc);
            cache.embedQuery("parse");
            assertThat(fake.embedded.get()).isEqualTo(3);
            assertThat(cache.stats().entries()).isEqualTo(1);
        }
    }

    @Test
    void differentModelIdsNeverShareEntries() {
        try (CachingEmbeddingModel a = CachingEmbeddingModel.open(new FakeEmbeddingModel("openai:m@256", DIM), dir)) {
            a.embedDocuments(texts(5));
        }
        FakeEmbeddingModel other = new FakeEmbeddingModel("openai:m@512", DIM);
        try (CachingEmbeddingModel b = CachingEmbeddingModel.open(other, dir)) {
            List<float[]> vectors = b.embedDocuments(texts(5));
            assertThat(other.embedded.get()).isEqualTo(5);
            assertThat(vectors.getFirst()).containsExactly(other.documentVector(texts(5).getFirst()));
        }
        assertThat(cacheFile("openai:m@256")).isNotEqualTo(cacheFile("openai:m@512"));
        assertThat(cacheFile("openai:m@256")).exists();
        assertThat(cacheFile("openai:m@512")).exists();
    }

    @Test
    void aTornLastRecordIsCutOffAndEverythingBeforeItIsKept() throws IOException {
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(new FakeEmbeddingModel("fake:a", DIM), dir)) {
            cache.embedDocuments(texts(10));
        }
        Path file = cacheFile("fake:a");
        long intact = sizeOf(file);
        long record = 4 + 16 + DIM * 4 + 4;
        // Simulate a kill in the middle of appending record 10: only part of it reached the file.
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(intact - record / 2);
        }
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir)) {
            assertThat(sizeOf(file)).isEqualTo(intact - record);
            List<float[]> vectors = cache.embedDocuments(texts(10));
            assertThat(fake.embedded.get()).isEqualTo(1);
            assertThat(vectors.get(9)).containsExactly(fake.documentVector(texts(10).get(9)));
            assertThat(sizeOf(file)).isEqualTo(intact);
        }
    }

    @Test
    void aCorruptedRecordAndAnythingAfterItAreIgnored() throws IOException {
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(new FakeEmbeddingModel("fake:a", DIM), dir)) {
            cache.embedDocuments(texts(10));
        }
        Path file = cacheFile("fake:a");
        long record = 4 + 16 + DIM * 4 + 4;
        long header = sizeOf(file) - 10 * record;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(header + 6 * record + 30); // inside the floats of record 6
            raf.write(0x7F);
        }
        Files.write(file, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir)) {
            assertThat(cache.stats().entries()).isEqualTo(6);
            List<float[]> vectors = cache.embedDocuments(texts(10));
            assertThat(fake.embedded.get()).isEqualTo(4);
            for (int i = 0; i < 10; i++) {
                assertThat(vectors.get(i)).containsExactly(fake.documentVector(texts(10).get(i)));
            }
        }
    }

    @Test
    void aFileWithAGarbledHeaderIsStartedAfresh() throws IOException {
        Files.createDirectories(dir);
        Files.write(cacheFile("fake:a"), "not a cache file at all".getBytes(StandardCharsets.UTF_8));
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir)) {
            cache.embedDocuments(texts(3));
            assertThat(fake.embedded.get()).isEqualTo(3);
        }
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(new FakeEmbeddingModel("fake:a", DIM), dir)) {
            cache.embedDocuments(texts(3));
            assertThat(cache.stats().hits()).isEqualTo(3);
        }
    }

    @Test
    void aProcessKilledWhileWritingLeavesAUsableCache() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CacheWriterProcess.class.getName(), dir.toString()).redirectErrorStream(true).start();
        int written = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (written < 3_000 && (line = out.readLine()) != null) {
                if (line.matches("\\d+")) {
                    written = Integer.parseInt(line);
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no close, likely mid-append
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(written).as("the child wrote batches before it was killed").isGreaterThanOrEqualTo(3_000);
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:kill", 384);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir)) {
            int entries = cache.stats().entries();
            assertThat(entries).isGreaterThanOrEqualTo(written);
            List<String> stored = IntStream.range(0, entries).mapToObj(i -> "text " + i).toList();
            List<float[]> vectors = cache.embedDocuments(stored);
            assertThat(fake.embedded.get()).isZero();
            for (int i = 0; i < entries; i += 97) {
                assertThat(vectors.get(i)).containsExactly(fake.documentVector(stored.get(i)));
            }
        }
    }

    @Test
    void growthIsBoundedByDroppingTheOldestEntries() {
        long record = 4 + 16 + DIM * 4 + 4;
        long max = 100 * record;
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir, max)) {
            for (int round = 0; round < 10; round++) {
                int r = round;
                cache.embedDocuments(IntStream.range(0, 30).mapToObj(i -> "r" + r + " t" + i).toList());
                assertThat(sizeOf(cacheFile("fake:a"))).isLessThanOrEqualTo(max);
            }
            int before = fake.embedded.get();
            cache.embedDocuments(IntStream.range(0, 30).mapToObj(i -> "r9 t" + i).toList());
            assertThat(fake.embedded.get()).as("the newest entries are kept").isEqualTo(before);
            cache.embedDocuments(List.of("r0 t0"));
            assertThat(fake.embedded.get()).as("the oldest were dropped").isEqualTo(before + 1);
        }
        try (CachingEmbeddingModel cache = CachingEmbeddingModel.open(new FakeEmbeddingModel("fake:a", DIM), dir, max)) {
            cache.embedDocuments(IntStream.range(0, 30).mapToObj(i -> "r9 t" + i).toList());
            assertThat(cache.stats().hits()).isEqualTo(30);
        }
    }

    @Test
    void aSecondOpenerInTheSameDirectoryOnlyReads() {
        FakeEmbeddingModel owner = new FakeEmbeddingModel("fake:a", DIM);
        try (CachingEmbeddingModel first = CachingEmbeddingModel.open(owner, dir)) {
            first.embedDocuments(texts(5));
            FakeEmbeddingModel reader = new FakeEmbeddingModel("fake:a", DIM);
            try (CachingEmbeddingModel second = CachingEmbeddingModel.open(reader, dir)) {
                assertThat(second.stats().writable()).isFalse();
                second.embedDocuments(texts(6));
                assertThat(reader.embedded.get()).isEqualTo(1);
                assertThat(second.stats().entries()).isEqualTo(5);
            }
            assertThat(first.stats().writable()).isTrue();
        }
    }

    @Test
    void closingClosesTheModelAndLaterCallsFail() {
        FakeEmbeddingModel fake = new FakeEmbeddingModel("fake:a", DIM);
        CachingEmbeddingModel cache = CachingEmbeddingModel.open(fake, dir);
        assertThat(cache.modelId()).isEqualTo("fake:a");
        assertThat(cache.dimension()).isEqualTo(DIM);
        cache.close();
        cache.close();
        assertThat(fake.closed).isTrue();
        assertThatThrownBy(() -> cache.embedDocuments(List.of("x"))).isInstanceOf(IllegalStateException.class);
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
