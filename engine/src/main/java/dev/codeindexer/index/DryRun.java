package dev.codeindexer.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.TokenCounter;
import dev.codeindexer.chunk.walk.RepositoryWalker;
import dev.codeindexer.chunk.walk.Skip;
import dev.codeindexer.chunk.walk.SourceFile;
import dev.codeindexer.chunk.walk.WalkEntry;
import dev.codeindexer.chunk.walk.WalkOptions;
import dev.codeindexer.embed.EmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What indexing a tree would do, without writing anything: files, chunks and tokens per language, the skips, an
 * embedding time estimated from a short calibration of this model on this machine, the index size, and warnings
 * for what is likely a mistake (generated code, very large files, a tree much larger than what git tracks), each
 * with the ignore rule that would leave it out. People start by indexing the wrong tree; this is the preview.
 */
public final class DryRun {
    /** Chunks embedded to measure this machine's rate. */
    static final int CALIBRATION_CHUNKS = 64;
    /** Bytes a row costs beyond its vector and text (ids, metadata, index structures), measured roughly. */
    private static final long ROW_OVERHEAD_BYTES = 400;
    private static final long LARGE_FILE_BYTES = 256 * 1024;
    private static final Pattern GENERATED = Pattern.compile(
            "(^|/)(generated|gen|__generated__)/|\\.(generated|g)\\.[a-z]+$|_pb2(_grpc)?\\.py$|\\.pb\\.go$|_generated\\.go$");

    /** Per language: files, chunks and the tokens the model will read. */
    public record LanguageCount(long files, long chunks, long tokens) {
    }

    /** A likely mistake: how many files, an example, and the rule to add to {@code .codeindexerignore}. */
    public record Warning(String problem, long files, String example, @JsonProperty("ignore_rule") String ignoreRule) {
    }

    public record Report(Path root, long files, long chunks, long tokens,
                         @JsonProperty("by_language") Map<String, LanguageCount> byLanguage,
                         Map<String, Long> skipped,
                         @JsonProperty("chunks_per_second") double chunksPerSecond,
                         @JsonProperty("estimated_embedding_seconds") long estimatedEmbeddingSeconds,
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
        Map<String, long[]> byLanguage = new TreeMap<>();
        Map<String, Long> skipped = new TreeMap<>();
        Map<String, List<String>> flagged = new TreeMap<>();
        List<String> calibration = new ArrayList<>();
        long files = 0;
        long chunks = 0;
        long tokenTotal = 0;
        long textBytes = 0;
        try (Stream<WalkEntry> entries = RepositoryWalker.create(root, walk).entries()) {
            for (WalkEntry e : (Iterable<WalkEntry>) entries::iterator) {
                if (e instanceof Skip s) {
                    skipped.merge(s.reason().name().toLowerCase(Locale.ROOT), 1L, Long::sum);
                    continue;
                }
                SourceFile f = (SourceFile) e;
                files++;
                if (GENERATED.matcher(f.path()).find()) {
                    flagged.computeIfAbsent("generated", k -> new ArrayList<>()).add(f.path());
                }
                if (f.size() > LARGE_FILE_BYTES) {
                    flagged.computeIfAbsent("large", k -> new ArrayList<>()).add(f.path());
                }
                List<Chunk> fileChunks = chunker.chunk(f.path(), f.readText());
                for (Chunk c : fileChunks) {
                    long[] counts = byLanguage.computeIfAbsent(c.language().id(), k -> new long[3]);
                    int t = tokens.count(c.content());
                    counts[1]++;
                    counts[2] += t;
                    tokenTotal += t;
                    textBytes += c.content().length();
                    // Every few chunks, not the first ones: the start of a tree (licences, READMEs) is no sample.
                    if (chunks % 7 == 0 && calibration.size() < CALIBRATION_CHUNKS) {
                        calibration.add(c.content());
                    }
                    chunks++;
                }
                if (!fileChunks.isEmpty()) {
                    byLanguage.get(fileChunks.getFirst().language().id())[0]++;
                }
            }
        }
        double rate = model == null || calibration.isEmpty() ? 0 : calibrate(model, calibration);
        int dimension = model == null ? 384 : model.dimension();
        Map<String, LanguageCount> languages = new TreeMap<>();
        byLanguage.forEach((k, v) -> languages.put(k, new LanguageCount(v[0], v[1], v[2])));
        return new Report(root, files, chunks, tokenTotal, languages, skipped, round(rate),
                rate == 0 ? 0 : (long) Math.ceil(chunks / rate),
                chunks * (dimension * 4L + ROW_OVERHEAD_BYTES) + textBytes * 2, gitTrackedFiles,
                warnings(flagged, files, gitTrackedFiles));
    }

    /**
     * Chunks per second: the calibration set embedded once untimed (the runtime's first calls are slow), then
     * again, timed, with other text in front so that no cache answers it.
     */
    private static double calibrate(EmbeddingModel model, List<String> texts) {
        model.embedDocuments(texts.stream().map(t -> UUID.randomUUID() + "\n" + t).toList());
        String nonce = UUID.randomUUID().toString();
        List<String> unique = texts.stream().map(t -> nonce + "\n" + t).toList();
        long start = System.nanoTime();
        model.embedDocuments(unique);
        double seconds = (System.nanoTime() - start) / 1e9;
        return unique.size() / Math.max(seconds, 1e-3);
    }

    private static List<Warning> warnings(Map<String, List<String>> flagged, long files, Long tracked) {
        List<Warning> out = new ArrayList<>();
        List<String> generated = flagged.getOrDefault("generated", List.of());
        if (!generated.isEmpty()) {
            out.add(new Warning("generated code: rarely what anyone searches for, and it crowds out the code it came "
                    + "from", generated.size(), generated.getFirst(), ruleFor(generated.getFirst())));
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
