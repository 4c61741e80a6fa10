package dev.codeindexer.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.TokenCounter;
import dev.codeindexer.chunk.walk.RepositoryWalker;
import dev.codeindexer.chunk.walk.Skip;
import dev.codeindexer.chunk.walk.SkipReason;
import dev.codeindexer.chunk.walk.SourceFile;
import dev.codeindexer.chunk.walk.WalkEntry;
import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.embed.EmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What indexing a tree would do, without writing anything: files, chunks and tokens per language, the skips, an
 * embedding time estimated from a short calibration of this model on this machine, the index size, and warnings
 * for what is likely a mistake (generated, vendored or minified code, very large files, a tree much larger than
 * what git tracks), each with the ignore rule that would leave it out, and what the built-in exclusions left out
 * ({@code node_modules/}, lock files, {@code *.min.js}), by name. People start by indexing the wrong tree; this is
 * the preview.
 */
public final class DryRun {
    /** Chunks embedded to measure this machine's rate, drawn evenly from the whole tree. */
    static final int CALIBRATION_CHUNKS = 96;
    /**
     * The model's share of the machine during a real run: the reading, chunking and storing thread and the JVM's
     * own work take the rest of its cores. Measured (eval/dry-run-accuracy.py, 2-core Xeon): the calibrated rate
     * alone predicted 0.70, 0.75 and 0.76 of the real times of requests, flask and cobra.
     */
    private static final double MODEL_SHARE = 0.8;
    /** Texts per timed call: sorted by length, as the model sorts one indexing batch, so padding is as small. */
    private static final int CALIBRATION_GROUP = 16;
    /** Bytes a row costs beyond its vector and text (ids, metadata, index structures), measured roughly. */
    private static final long ROW_OVERHEAD_BYTES = 400;
    private static final long LARGE_FILE_BYTES = 256 * 1024;
    /** Directories that usually hold someone else's code copied in, which the built-in exclusions leave in. */
    private static final Pattern VENDORED = Pattern.compile("(^|/)(third_party|third-party|thirdparty|external|"
            + "externals|vendored|_vendor|deps|bundled)/");
    /** At most this many paths left out by the built-in exclusions are named in the report. */
    static final int EXCLUDED_NAMED = 20;
    private static final Pattern GENERATED = Pattern.compile(
            "(^|/)(generated|gen|__generated__)/|\\.(generated|g)\\.[a-z]+$|_pb2(_grpc)?\\.py$|\\.pb\\.go$|_generated\\.go$");

    /** Per language: files, chunks and the tokens the model will read. */
    public record LanguageCount(long files, long chunks, long tokens) {
    }

    /** A likely mistake: how many files, an example, and the rule to add to {@code .codeindexerignore}. */
    public record Warning(String problem, long files, String example, @JsonProperty("ignore_rule") String ignoreRule) {
    }

    /**
     * @param estimatedSeconds the whole run: reading and chunking as long as this preview took for them (the
     *                         lexical pass, after which everything is found by words), then the embedding
     * @param leftOut what the built-in exclusions left out, named ({@code node_modules/}, {@code yarn.lock},
     *                {@code app.min.js}; directories end in {@code /}), at most {@value #EXCLUDED_NAMED}
     */
    public record Report(Path root, long files, long chunks, long tokens,
                         @JsonProperty("by_language") Map<String, LanguageCount> byLanguage,
                         Map<String, Long> skipped,
                         @JsonProperty("left_out") List<String> leftOut,
                         @JsonProperty("chunks_per_second") double chunksPerSecond,
                         @JsonProperty("estimated_embedding_seconds") long estimatedEmbeddingSeconds,
                         @JsonProperty("estimated_seconds") long estimatedSeconds,
                         @JsonProperty("estimated_index_bytes") long estimatedIndexBytes,
                         @JsonProperty("git_tracked_files") Long gitTrackedFiles,
                         List<Warning> warnings) {
    }

    private DryRun() {
    }

    /**
     * @param model          the model uncached (a cache would make the calibration a lookup), or null to skip it
     * @param gitTrackedFiles how many files git tracks in {@code root}, or null when it is no repository
     */
    public static Report run(Path root, WalkOptions walk, Chunker chunker, TokenCounter tokens, EmbeddingModel model,
                             Long gitTrackedFiles) {
        long start = System.nanoTime();
        Map<String, long[]> byLanguage = new TreeMap<>();
        Map<String, Long> skipped = new TreeMap<>();
        Map<String, List<String>> flagged = new TreeMap<>();
        List<Sample> calibration = new ArrayList<>();
        Random draw = new Random(42);
        List<String> leftOut = new ArrayList<>();
        long files = 0;
        long chunks = 0;
        long tokenTotal = 0;
        long textBytes = 0;
        try (Stream<WalkEntry> entries = RepositoryWalker.create(root, walk).entries()) {
            for (WalkEntry e : (Iterable<WalkEntry>) entries::iterator) {
                if (e instanceof Skip s) {
                    skipped.merge(s.reason().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                    if (s.reason() == SkipReason.EXCLUDED && leftOut.size() < EXCLUDED_NAMED) {
                        leftOut.add(Files.isDirectory(root.resolve(s.path())) ? s.path() + "/" : s.path());
                    }
                    continue;
                }
                SourceFile f = (SourceFile) e;
                files++;
                if (GENERATED.matcher(f.path()).find()) {
                    flagged.computeIfAbsent("generated", k -> new ArrayList<>()).add(f.path());
                }
                if (VENDORED.matcher(f.path()).find()) {
                    flagged.computeIfAbsent("vendored", k -> new ArrayList<>()).add(f.path());
                }
                String text = f.readText();
                if (Chunker.looksMinified(text)) {
                    flagged.computeIfAbsent("minified", k -> new ArrayList<>()).add(f.path());
                } else if (f.size() > LARGE_FILE_BYTES) {
                    flagged.computeIfAbsent("large", k -> new ArrayList<>()).add(f.path());
                }
                List<Chunk> fileChunks = chunker.chunk(f.path(), text);
                for (Chunk c : fileChunks) {
                    long[] counts = byLanguage.computeIfAbsent(c.language().id(), k -> new long[3]);
                    int t = tokens.count(c.content());
                    counts[1]++;
                    counts[2] += t;
                    tokenTotal += t;
                    textBytes += c.content().length();
                    // A uniform sample of the whole tree (reservoir sampling), not of its first files.
                    if (calibration.size() < CALIBRATION_CHUNKS) {
                        calibration.add(new Sample(c.content(), t));
                    } else {
                        long slot = draw.nextLong(chunks + 1);
                        if (slot < CALIBRATION_CHUNKS) {
                            calibration.set((int) slot, new Sample(c.content(), t));
                        }
                    }
                    chunks++;
                }
                if (!fileChunks.isEmpty()) {
                    byLanguage.get(fileChunks.getFirst().language().id())[0]++;
                }
            }
        }
        long scanSeconds = Math.round((System.nanoTime() - start) / 1e9);
        // Embedding time goes with the tokens read: the sample's rate in tokens per second, applied to them all.
        double tokensPerSecond = model == null || calibration.isEmpty() ? 0 : calibrate(model, calibration);
        double sampleTokens = calibration.stream().mapToLong(Sample::tokens).sum();
        double rate = tokensPerSecond * calibration.size() / Math.max(1, sampleTokens);
        int dimension = model == null ? 384 : model.dimension();
        Map<String, LanguageCount> languages = new TreeMap<>();
        byLanguage.forEach((k, v) -> languages.put(k, new LanguageCount(v[0], v[1], v[2])));
        long embeddingSeconds = tokensPerSecond == 0 ? 0
                : (long) Math.ceil(tokenTotal / (tokensPerSecond * MODEL_SHARE));
        return new Report(root, files, chunks, tokenTotal, languages, skipped, leftOut, round(rate), embeddingSeconds,
                embeddingSeconds == 0 ? 0 : scanSeconds + embeddingSeconds,
                chunks * (dimension * 4L + ROW_OVERHEAD_BYTES) + textBytes * 2, gitTrackedFiles,
                warnings(flagged, files, gitTrackedFiles));
    }

    private record Sample(String text, int tokens) {
    }

    /**
     * Tokens per second: a few texts embedded untimed (the runtime's first calls are slow), then the sample, sorted
     * by length and embedded {@value #CALIBRATION_GROUP} at a time as an indexing run's batches are, each text
     * with a prefix no cache has seen.
     */
    private static double calibrate(EmbeddingModel model, List<Sample> sample) {
        model.embedDocuments(sample.stream().limit(CALIBRATION_GROUP).map(t -> UUID.randomUUID() + "\n" + t.text())
                .toList());
        String nonce = UUID.randomUUID().toString();
        List<Sample> sorted = sample.stream().sorted(Comparator.comparingInt(Sample::tokens)).toList();
        long start = System.nanoTime();
        for (int i = 0; i < sorted.size(); i += CALIBRATION_GROUP) {
            model.embedDocuments(sorted.subList(i, Math.min(sorted.size(), i + CALIBRATION_GROUP)).stream()
                    .map(t -> nonce + "\n" + t.text()).toList());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return sorted.stream().mapToLong(Sample::tokens).sum() / Math.max(seconds, 1e-3);
    }

    private static List<Warning> warnings(Map<String, List<String>> flagged, long files, Long tracked) {
        List<Warning> out = new ArrayList<>();
        List<String> generated = flagged.getOrDefault("generated", List.of());
        if (!generated.isEmpty()) {
            out.add(new Warning("generated code: rarely what anyone searches for, and it crowds out the code it came "
                    + "from", generated.size(), generated.getFirst(), ruleFor(generated.getFirst())));
        }
        List<String> vendored = flagged.getOrDefault("vendored", List.of());
        if (!vendored.isEmpty()) {
            Matcher m = VENDORED.matcher(vendored.getFirst());
            m.find();
            out.add(new Warning("vendored code: a copy of another project, found instead of the code that uses it",
                    vendored.size(), vendored.getFirst(), vendored.getFirst().substring(0, m.end())));
        }
        for (String minified : flagged.getOrDefault("minified", List.of())) {
            out.add(new Warning("a minified file (a build's bundle?): its lines are too long to read or search", 1,
                    minified, "/" + minified));
        }
        for (String large : flagged.getOrDefault("large", List.of())) {
            out.add(new Warning("a file over " + LARGE_FILE_BYTES / 1024 + " KiB (data, a bundle or a dump?)", 1, large,
                    "/" + large));
        }
        if (tracked != null && files > 2 * tracked + 100) {
            out.add(new Warning("the tree has " + files + " indexable files but git tracks " + tracked
                    + ": build output, downloads or a virtual environment? Index a clean checkout or ignore their "
                    + "directories", files - tracked, null, null));
        }
        return out;
    }

    /** The directory rule for a generated file ({@code gen/}), or its name pattern. */
    private static String ruleFor(String path) {
        var m = Pattern.compile("(^|/)(generated|gen|__generated__)/").matcher(path);
        if (m.find()) {
            return m.group(2) + "/";
        }
        int dot = path.lastIndexOf('/');
        String name = path.substring(dot + 1);
        return name.endsWith(".pb.go") ? "*.pb.go" : name.endsWith("_pb2.py") ? "*_pb2.py" : "/" + path;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
