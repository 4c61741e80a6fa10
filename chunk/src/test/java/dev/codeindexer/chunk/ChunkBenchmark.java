package dev.codeindexer.chunk;

import dev.codeindexer.chunk.walk.RepositoryWalker;
import dev.codeindexer.chunk.walk.SourceFile;
import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.chunk.walk.WalkReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Chunks a real codebase (the commons-lang3 3.17.0 sources) and compares it with only reading the same files, both
 * measured in the same run. Not a JUnit test: run it with {@code chunk/bench.sh} (which fetches the sources jar
 * through Maven, compiles, and runs this under the shared build lock), or by hand:
 *
 * <pre>
 * ./mvnw -q dependency:get -Dartifact=org.apache.commons:commons-lang3:3.17.0:jar:sources
 * ./mvnw -q -pl chunk test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 * java --enable-native-access=ALL-UNNAMED \
 *      -cp chunk/target/classes:chunk/target/test-classes:$(cat chunk/target/bench.cp) \
 *      dev.codeindexer.chunk.ChunkBenchmark [path/to/sources.jar] [rounds]
 * </pre>
 */
public final class ChunkBenchmark {

    private ChunkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("user.home"),
                ".m2/repository/org/apache/commons/commons-lang3/3.17.0/commons-lang3-3.17.0-sources.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found; fetch it with ./mvnw -q dependency:get "
                    + "-Dartifact=org.apache.commons:commons-lang3:3.17.0:jar:sources");
        }
        Path dir = Files.createTempDirectory("chunk-bench");
        try {
            unzip(jar, dir);
            run(dir, rounds);
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void run(Path dir, int rounds) throws Exception {
        List<SourceFile> files = new ArrayList<>();
        long walkStart = System.nanoTime();
        WalkReport report = RepositoryWalker.create(dir, WalkOptions.defaults()).walk(files::add, skip -> {
        });
        double walkMs = (System.nanoTime() - walkStart) / 1e6;
        double megabytes = report.bytes() / (1024.0 * 1024.0);
        System.out.printf("corpus: commons-lang3 3.17.0 sources, %d files, %.2f MiB (walk %.0f ms, %d skipped)%n",
                report.files(), megabytes, walkMs, report.skippedTotal());
        System.out.printf("machine: %d cores, Java %s; best of %d rounds after one warm-up round%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds);

        try (Chunker chunker = Chunker.create()) {
            chunkAll(chunker, files);
            double[] read = new double[rounds];
            double[] chunk = new double[rounds];
            double[] parallel = new double[rounds];
            List<Chunk> chunks = List.of();
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                long sink = 0;
                for (SourceFile file : files) {
                    sink += file.readText().length();
                }
                read[round] = (System.nanoTime() - start) / 1e9;
                if (sink == 0) {
                    throw new IllegalStateException("read nothing");
                }
                start = System.nanoTime();
                chunks = chunkAll(chunker, files);
                chunk[round] = (System.nanoTime() - start) / 1e9;
                start = System.nanoTime();
                chunkInParallel(chunker, files, 2);
                parallel[round] = (System.nanoTime() - start) / 1e9;
            }
            print("read only (baseline)", files.size(), megabytes, best(read));
            print("read + chunk, 1 thread", files.size(), megabytes, best(chunk));
            print("read + chunk, 2 threads", files.size(), megabytes, best(parallel));
            System.out.printf("chunking costs %.1fx the time of reading%n", best(chunk) / best(read));
            summarize(chunks, chunker.options());
        }
    }

    private static List<Chunk> chunkAll(Chunker chunker, List<SourceFile> files) {
        List<Chunk> chunks = new ArrayList<>();
        for (SourceFile file : files) {
            chunks.addAll(chunker.chunk(file.path(), file.readText()));
        }
        return chunks;
    }

    private static void chunkInParallel(Chunker chunker, List<SourceFile> files, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(pool.submit(() -> {
                    int count = 0;
                    for (int i = offset; i < files.size(); i += threads) {
                        count += chunker.chunk(files.get(i).path(), files.get(i).readText()).size();
                    }
                    return count;
                }));
            }
            for (Future<Integer> part : parts) {
                part.get();
            }
        }
    }

    private static void summarize(List<Chunk> chunks, ChunkerOptions options) {
        Map<EntityType, Integer> byType = new EnumMap<>(EntityType.class);
        Map<String, Integer> windowsPerEntity = new HashMap<>();
        int withDoc = 0;
        long tokens = 0;
        int maxTokens = 0;
        for (Chunk chunk : chunks) {
            byType.merge(chunk.entityType(), 1, Integer::sum);
            windowsPerEntity.merge(chunk.filePath() + "#" + chunk.entityId(), 1, Integer::sum);
            if (!chunk.doc().isEmpty()) {
                withDoc++;
            }
            int count = options.tokenCounter().count(chunk.content());
            tokens += count;
            maxTokens = Math.max(maxTokens, count);
        }
        long split = windowsPerEntity.values().stream().filter(n -> n > 1).count();
        System.out.printf("chunks: %d (%s)%n", chunks.size(), byType);
        System.out.printf("with doc: %d; entities split into windows: %d; tokens/chunk: mean %.0f, max %d (budget %d)%n",
                withDoc, split, (double) tokens / chunks.size(), maxTokens, options.maxTokens());
    }

    private static void print(String label, int files, double megabytes, double seconds) {
        System.out.printf("%-26s %8.1f ms  %8.0f files/s  %7.2f MB/s%n", label, seconds * 1000, files / seconds,
                megabytes / seconds);
    }

    private static double best(double[] seconds) {
        return Arrays.stream(seconds).min().orElseThrow();
    }

    private static void unzip(Path jar, Path dir) throws IOException {
        try (InputStream raw = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
