package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.chunk.ChunkerOptions;
import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.config.ConfigLoader;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.ForwardingEmbeddingModel;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.IndexArchive;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.Models;
import dev.codeindexer.store.milvus.MilvusTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index moved between data dirs and stores by {@code export} and {@code import}: the same answers, nothing
 * embedded again, and refused when the archive was built with another model.
 */
class IndexArchiveCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] VERBS = {"parse", "format", "upload", "retry", "cache", "validate", "encode",
        "compress", "schedule", "render"};
    private static final String[] NOUNS = {"Date", "Invoice", "Image", "Token", "Header", "Config"};

    @TempDir
    static Path repo;
    @TempDir
    static Path origin;
    @TempDir
    static Path archiveDir;
    private static Path archive;

    @TempDir
    Path elsewhere;

    /** Ten classes of six documented methods each, indexed once with the embedded defaults and exported. */
    @BeforeAll
    static void indexAndExport() throws Exception {
        for (String verb : VERBS) {
            StringBuilder java = new StringBuilder("package demo;\n\n/** Helpers that " + verb + " things. */\n"
                    + "public class " + Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + "s {\n");
            for (String noun : NOUNS) {
                java.append("    /** ").append(Character.toUpperCase(verb.charAt(0))).append(verb.substring(1))
                        .append("s the ").append(noun.toLowerCase()).append(" given by the caller. */\n")
                        .append("    public String ").append(verb).append(noun).append("(String ")
                        .append(noun.toLowerCase()).append(") {\n        return ").append(noun.toLowerCase())
                        .append(".trim() + \"").append(verb).append("\";\n    }\n\n");
            }
            Files.createDirectories(repo.resolve("src/demo"));
            Files.writeString(repo.resolve("src/demo/" + Character.toUpperCase(verb.charAt(0)) + verb.substring(1)
                    + "s.java"), java.append("}\n"));
        }
        CliRun cli = new CliRun(origin);
        assertThat(cli.run("index", repo.toString())).as(cli.err.toString()).isZero();
        archive = archiveDir.resolve("index.zip");
        assertThat(cli.run("export", "--path", repo.toString(), "--out", archive.toString())).as(cli.err.toString())
                .isZero();
        assertThat(cli.out.toString()).startsWith("Exported ").contains(archive.toString());
    }

    /** Fifty questions, most answered by one method, some by none. */
    private static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (int i = 0; queries.size() < 50; i++) {
            queries.add("how do we " + VERBS[i % VERBS.length] + " the " + NOUNS[(i * 7) % NOUNS.length].toLowerCase()
                    + (i % 3 == 0 ? " before sending it" : ""));
        }
        return queries;
    }

    /**
     * The top 10 of every query, all answered in one process: per query, its hits grouped by score, best first, each
     * group the set of (file, line, chunk) with that score. Equal scores are ties whose order depends on the order
     * rows were written in (files are chunked on two threads), so only the groups are compared; the last group may
     * be cut by the top 10, so of it only its score and size count.
     */
    private static List<List<Object>> answers(CliRun cli, String mode, String... storeArgs) throws Exception {
        Path file = archiveDir.resolve("queries.txt");
        Files.write(file, queries());
        List<String> args = new ArrayList<>(List.of("search", "--path", repo.toString(), "--json", "-k", "10",
                "--mode", mode, "--queries", file.toString()));
        args.addAll(List.of(storeArgs));
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err.toString()).isZero();
        List<List<Object>> all = new ArrayList<>();
        for (String line : cli.out.toString().lines().toList()) {
            // Scores within 1e-4 of a group's first are one group: two stores compute a cosine a few ulps apart.
            List<Set<String>> groups = new ArrayList<>();
            double groupScore = Double.NaN;
            for (JsonNode h : JSON.readTree(line).get("results")) {
                double score = h.get("score").asDouble();
                if (groups.isEmpty() || Math.abs(score - groupScore) > 1e-4) {
                    groups.add(new TreeSet<>());
                    groupScore = score;
                }
                groups.getLast().add(h.get("file_path").asText() + ":" + h.get("start_line").asInt() + ":"
                        + h.get("chunk_id").asText());
            }
            List<Object> answer = new ArrayList<>(groups);
            if (!answer.isEmpty()) {
                answer.set(answer.size() - 1, "and " + groups.getLast().size() + " more");
            }
            all.add(answer);
        }
        assertThat(all).hasSize(50).allSatisfy(a -> assertThat(a).isNotEmpty());
        return all;
    }

    private static JsonNode status(CliRun cli, String... storeArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("status", "--path", repo.toString(), "--json"));
        args.addAll(List.of(storeArgs));
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err.toString()).isZero();
        return JSON.readTree(cli.out.toString());
    }

    @Test
    void anImportedIndexAnswersAsTheOriginalAndNeedsNoEmbedding() throws Exception {
        CliRun there = new CliRun(elsewhere);
        assertThat(there.run("import", archive.toString())).as(there.err.toString()).isZero();
        assertThat(there.out.toString()).contains("Imported").contains("nothing embedded");

        CliRun here = new CliRun(origin);
        assertThat(status(there).get("chunks").asInt()).isEqualTo(status(here).get("chunks").asInt()).isPositive();
        assertThat(status(there).get("files").asInt()).isEqualTo(10);
        for (String mode : List.of("hybrid", "lexical")) {
            assertThat(answers(there, mode)).as(mode).isEqualTo(answers(here, mode));
        }
        // The symbol table came along, and the next index run finds nothing to do.
        assertThat(there.run("outline", "--path", repo.toString(), "src/demo/Retrys.java")).isZero();
        assertThat(there.out.toString()).contains("retryToken");
        assertThat(there.run("index", repo.toString())).as(there.err.toString()).isZero();
        assertThat(there.out.toString()).contains("0 indexed");

        // Indexed already: a second import is refused, and says what to do.
        assertThat(there.run("import", archive.toString())).isEqualTo(2);
        assertThat(there.err.toString()).contains("indexed already").contains("delete --path");
    }

    @Test
    void anIndexMovesToMilvusWithoutOneEmbeddingCall() throws Exception {
        Path config = elsewhere.resolve("milvus.yaml");
        Files.writeString(config, "vector_store:\n  type: milvus\n  milvus:\n    uri: " + MilvusTestServer.uri()
                + "\n    consistency_level: STRONG\n");
        CodeIndexerConfig milvus = new ConfigLoader(name -> null).load(config);
        IndexLocation location = IndexLocation.of(repo, null, null, Map.of("CODE_INDEXER_HOME", elsewhere.toString()));
        AtomicInteger embedded = new AtomicInteger();
        try (Codebase target = Codebase.open(milvus, location, c -> counting(Models.create(c, null), embedded),
                Models.chunkerFingerprint(ChunkerOptions.defaults()), null)) {
            IndexArchive.Header header = IndexArchive.importInto(target, archive, 100);
            assertThat(header.store()).isEqualTo("lucene");
            assertThat(target.store().count(target.collection(), null)).isEqualTo(header.rows());
        }
        assertThat(embedded).as("texts embedded by the import").hasValue(0);

        CliRun there = new CliRun(elsewhere);
        CliRun here = new CliRun(origin);
        try {
            // Same vectors, so the same nearest chunks in the same order.
            assertThat(answers(there, "dense", "--config", config.toString())).isEqualTo(answers(here, "dense"));
        } finally {
            assertThat(there.run("delete", "--path", repo.toString(), "--all", "--config", config.toString()))
                    .as(there.err.toString()).isZero();
        }
    }

    @Test
    void anArchiveOfAnotherModelIsRefused() throws Exception {
        Path config = elsewhere.resolve("prefixed.yaml");
        Files.writeString(config, "embedding:\n  document_prefix: \"passage: \"\n");
        CliRun there = new CliRun(elsewhere);
        assertThat(there.run("import", archive.toString(), "--config", config.toString())).isEqualTo(2);
        assertThat(there.err.toString()).contains("built differently").contains("model");
        assertThat(there.run("status", "--path", repo.toString(), "--config", config.toString())).isEqualTo(2);

        Path notAnArchive = elsewhere.resolve("notes.zip");
        Files.writeString(notAnArchive, "hello");
        assertThat(there.run("import", notAnArchive.toString())).isEqualTo(2);
        assertThat(there.err.toString()).contains("not an index archive");
    }

    @Test
    void anImportCutShortCompletesWhenRunAgainWithoutDuplicates() throws Exception {
        // An archive whose 30th row is damaged: the import stops there, after writing the rows before it.
        Path damaged = elsewhere.resolve("damaged.zip");
        try (ZipFile in = new ZipFile(archive.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(damaged))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] bytes = in.getInputStream(entry).readAllBytes();
                if (entry.getName().equals("rows.jsonl")) {
                    List<String> lines = new ArrayList<>(new String(bytes, StandardCharsets.UTF_8).lines().toList());
                    lines.set(29, "{\"id\": ");
                    bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                }
                out.write(bytes);
                out.closeEntry();
            }
        }
        Path small = elsewhere.resolve("small-batches.yaml");
        Files.writeString(small, "vector_store:\n  lucene:\n    batch_size: 10\n");
        CliRun there = new CliRun(elsewhere);
        assertThat(there.run("import", damaged.toString(), "--config", small.toString())).isEqualTo(2);
        assertThat(there.err.toString()).contains("row 30").contains("unreadable");
        assertThat(there.run("status", "--path", repo.toString(), "--json")).isZero();
        assertThat(JSON.readTree(there.out.toString()).get("chunks").asInt()).as("rows written before the damage")
                .isEqualTo(20);

        // Run again with a sound archive: it completes the import, no row twice.
        assertThat(there.run("import", archive.toString(), "--config", small.toString())).as(there.err.toString())
                .isZero();
        int chunks = status(new CliRun(origin)).get("chunks").asInt();
        assertThat(status(there).get("chunks").asInt()).isEqualTo(chunks);
        assertThat(there.run("index", repo.toString())).as(there.err.toString()).isZero();
        assertThat(there.out.toString()).contains("0 indexed");
        assertThat(status(there).get("chunks").asInt()).isEqualTo(chunks);
    }

    private static EmbeddingModel counting(EmbeddingModel model, AtomicInteger texts) {
        return new ForwardingEmbeddingModel(model) {
            @Override
            public List<float[]> embedDocuments(List<String> t) {
                texts.addAndGet(t.size());
                return super.embedDocuments(t);
            }

            @Override
            public List<float[]> embedQueries(List<String> q) {
                texts.addAndGet(q.size());
                return super.embedQueries(q);
            }
        };
    }
}
