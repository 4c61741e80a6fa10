package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: real model, real embedded store, output and exit codes. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    @TempDir
    Path home;

    private CliRun cli;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void fixture() throws Exception {
        cli = new CliRun(home);
        out = cli.out;
        err = cli.err;
        CliRun.writeSampleRepo(repo);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void indexSearchStatusDeleteRoundTrip() throws Exception {
        assertThat(run("index", repo.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 indexed").contains("collection '");

        assertThat(run("search", "--path", repo.toString(), "--json", "-k", "2", "retry", "failed", "upload")).isZero();
        JsonNode line = JSON.readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.get("query").asText()).isEqualTo("retry failed upload");
        JsonNode top = line.get("results").get(0);
        assertThat(top.get("file_path").asText()).isEqualTo("src/Retry.java");
        assertThat(top.get("entity_id").asText()).isEqualTo("Retry.retryFailedUpload");
        assertThat(top.get("start_line").asInt()).isEqualTo(3);
        assertThat(top.get("end_line").asInt()).isEqualTo(6);
        assertThat(top.get("match_start_line").asInt()).isBetween(3, 6);
        assertThat(top.get("match_end_line").asInt()).isBetween(top.get("match_start_line").asInt(), 6);
        assertThat(top.get("excerpts").get(0).get("start_line").asInt()).isEqualTo(3);
        assertThat(top.get("language").asText()).isEqualTo("java");
        assertThat(top.get("entity_type").asText()).isEqualTo("method");
        assertThat(top.has("score")).isTrue();
        assertThat(top.get("content").asText()).contains("retryFailedUpload");

        assertThat(run("search", "--path", repo.toString(), "--lang", "python", "--mode", "dense", "upload")).isZero();
        assertThat(out.toString()).contains("src/dates.py").doesNotContain("Retry.java");

        assertThat(run("search", "--path", repo.toString(), "--json", "--group-by", "file", "-k", "5", "retry")).isZero();
        JsonNode grouped = JSON.readTree(out.toString().lines().findFirst().orElseThrow()).get("results");
        assertThat(grouped).hasSize(2);
        assertThat(grouped.get(0).get("file_path").asText()).isNotEqualTo(grouped.get(1).get("file_path").asText());

        Path queries = repo.resolve("queries.txt");
        Files.writeString(queries, "parse a date\n\nretry an upload\n");
        assertThat(run("search", "--path", repo.toString(), "--json", "--queries", queries.toString())).isZero();
        assertThat(out.toString().lines().toList()).hasSize(2);

        assertThat(run("status", "--path", repo.toString(), "--json")).isZero();
        JsonNode status = JSON.readTree(out.toString());
        assertThat(status.get("files").asInt()).isEqualTo(2);
        assertThat(status.get("chunks").asInt()).isPositive();
        assertThat(status.get("store").asText()).isEqualTo("lucene");
        assertThat(status.get("model").asText()).startsWith("onnx:");
        assertThat(status.get("languages").get("java").asInt()).isEqualTo(1);
        assertThat(status.get("last_indexed").asText()).isNotBlank();
        int chunks = status.get("chunks").asInt();

        assertThat(run("delete", "--path", repo.toString(), "--file", "src/dates.py")).isZero();
        assertThat(run("status", "--path", repo.toString(), "--json")).isZero();
        assertThat(JSON.readTree(out.toString()).get("chunks").asInt()).isLessThan(chunks);
        String collection = status.get("collection").asText();
        assertThat(run("collections", "--path", repo.toString())).isZero();
        assertThat(out.toString().lines()).containsExactly(collection);

        assertThat(run("delete", "--path", repo.toString(), "--all")).isZero();
        assertThat(run("search", "--path", repo.toString(), "anything")).isEqualTo(2);
        assertThat(err.toString()).contains("no index of").contains("code-indexer index");
        assertThat(run("delete", "--path", repo.toString(), "--all")).as("nothing left to delete").isEqualTo(2);
        assertThat(out.toString()).doesNotContain("Deleted");
    }

    @Test
    void aHitOnAWindowOfALongMethodIsTheWholeMethodWithItsSignature() throws Exception {
        StringBuilder java = new StringBuilder("public class Text {\n    /**\n     * Shortens a string with an ellipsis.\n");
        for (int i = 0; i < 40; i++) {
            java.append("     * shorten(\"walrus").append(i).append(" marmalade\", 4) = \"w...\"\n");
        }
        java.append("     */\n    public static String shorten(String text, int width) {\n");
        for (int i = 0; i < 120; i++) {
            java.append("        int step").append(i).append(" = text.length() + width * ").append(i).append(";\n");
        }
        java.append("        return text;\n    }\n}\n");
        Files.writeString(repo.resolve("src/Text.java"), java.toString());
        int signature = (int) java.toString().lines().takeWhile(l -> !l.contains("public static String shorten")).count() + 1;
        int last = (int) java.toString().lines().count() - 1;

        assertThat(run("index", repo.toString())).as(err.toString()).isZero();
        assertThat(run("search", "--path", repo.toString(), "--json", "-k", "1", "--mode", "lexical",
                "walrus marmalade")).isZero();
        JsonNode top = JSON.readTree(out.toString().lines().findFirst().orElseThrow()).get("results").get(0);
        assertThat(top.get("entity_id").asText()).isEqualTo("Text.shorten");
        assertThat(top.get("start_line").asInt()).as("from the doc comment").isEqualTo(2);
        assertThat(top.get("end_line").asInt()).as("to the closing brace").isEqualTo(last);
        // The doc's examples matched: cut from the method's first chunk, they are a chunk of their own that ends
        // with the signature line, never documentation alone.
        assertThat(top.get("match_start_line").asInt()).as("a chunk of the doc's details matched").isGreaterThan(2);
        assertThat(top.get("match_end_line").asInt()).as("it holds the signature").isEqualTo(signature);
        assertThat(top.get("content").asText()).contains("public static String shorten(String text, int width) {");
    }

    @Test
    void aDryRunCountsEstimatesAndWarnsButWritesNothing() throws Exception {
        Files.createDirectories(repo.resolve("src/generated"));
        Files.writeString(repo.resolve("src/generated/Api.java"), "public class Api {\n    void call() {\n    }\n}\n");
        Files.writeString(repo.resolve("src/data.py"), "ROWS = [\n" + "    (1, 2, 3),\n".repeat(30_000) + "]\n");
        // Left out by the built-in exclusions, and named: a node_modules and a bundle minified by name.
        Files.createDirectories(repo.resolve("web/node_modules/left-pad"));
        Files.writeString(repo.resolve("web/node_modules/left-pad/index.js"), "module.exports = function () {};\n");
        Files.writeString(repo.resolve("web/vendor.min.js"), "var a=1;\n");
        // Indexed unless ruled out: a bundle minified under a plain name, and a vendored copy.
        Files.writeString(repo.resolve("web/app.js"), "var x=function(a){return a+1};".repeat(200) + "\n");
        Files.createDirectories(repo.resolve("third_party/zlib"));
        Files.writeString(repo.resolve("third_party/zlib/crc.py"), "def crc(data):\n    return 0\n");

        assertThat(run("index", repo.toString(), "--dry-run", "--json")).as(err.toString()).isZero();
        JsonNode r = JSON.readTree(out.toString());
        assertThat(r.get("files").asInt()).isEqualTo(6);
        assertThat(JSON.convertValue(r.get("left_out"), List.class))
                .contains("web/node_modules/", "web/vendor.min.js");
        assertThat(r.get("warnings").findValuesAsText("ignore_rule")).contains("/web/app.js", "third_party/");
        assertThat(r.get("by_language").get("java").get("files").asInt()).isEqualTo(2);
        assertThat(r.get("by_language").get("python").get("chunks").asInt()).isPositive();
        assertThat(r.get("tokens").asLong()).isGreaterThan(r.get("chunks").asLong());
        assertThat(r.get("chunks_per_second").asDouble()).isPositive();
        assertThat(r.get("estimated_embedding_seconds").asLong()).isPositive();
        assertThat(r.get("estimated_seconds").asLong()).isGreaterThanOrEqualTo(r.get("estimated_embedding_seconds").asLong());
        assertThat(r.get("estimated_index_bytes").asLong()).isPositive();
        assertThat(r.get("warnings").findValuesAsText("ignore_rule")).contains("generated/", "/src/data.py");
        assertThat(Files.exists(home.resolve("codebases"))).as("a dry run writes no index").isFalse();

        assertThat(run("index", repo.toString(), "--dry-run")).isZero();
        assertThat(out.toString()).contains("nothing written").contains("chunks/s measured here")
                .contains("add 'generated/' to ").contains("add '/web/app.js' to ")
                .contains("left out by the built-in exclusions: ").contains("web/node_modules/")
                .contains("web/vendor.min.js");
        assertThat(run("index", repo.toString(), "--dry-run", "--full")).isEqualTo(2);
    }

    @Test
    void grepPrintsEveryMatchingLineOfTheIndexedFilesLikeRipgrep() throws Exception {
        Files.createDirectories(repo.resolve("build"));
        Files.writeString(repo.resolve("build/Gen.java"), "class Gen { void upload() {} }\n"); // excluded: not indexed
        assertThat(run("index", repo.toString())).as(err.toString()).isZero();

        assertThat(run("grep", "--path", repo.toString(), "upload")).isZero();
        assertThat(out.toString().lines().toList()).containsExactly(
                "src/Retry.java:3:    /** Retries a failed upload with exponential backoff. */",
                "src/Retry.java:5:        upload(file);",
                "src/Retry.java:8:    private void upload(String file) {");
        assertThat(run("grep", "--path", repo.toString(), "-w", "-i", "UPLOAD")).isZero();
        assertThat(out.toString().lines()).hasSize(3);
        assertThat(run("grep", "--path", repo.toString(), "-w", "uploa")).isZero();
        assertThat(out.toString()).isEmpty();
        assertThat(run("grep", "--path", repo.toString(), "--regex", "def \\w+_date", "-C", "1")).isZero();
        assertThat(out.toString().lines().toList()).containsExactly(
                "src/dates.py:1:def parse_http_date(value):", "src/dates.py-2-    \"\"\"Parse an HTTP date header.\"\"\"");
        assertThat(run("grep", "--path", repo.toString(), "--max", "1", "--json", "upload")).isZero();
        JsonNode r = JSON.readTree(out.toString());
        assertThat(r.get("truncated").asBoolean()).isTrue();
        assertThat(r.get("matches")).hasSize(1);

        assertThat(run("grep", "--path", repo.toString(), "--regex", "upload(")).isEqualTo(2);
        assertThat(err.toString()).contains("does not compile");
        Files.writeString(repo.resolve("src/Slow.txt"), "a".repeat(40) + "!\n" + "a".repeat(20_000) + "!\n");
        assertThat(run("index", repo.toString())).isZero();
        assertThat(run("grep", "--path", repo.toString(), "--regex", "(a+)+b")).isEqualTo(2);
        assertThat(err.toString()).contains("takes too long").contains("simplify it");
        assertThat(run("grep", "--path", repo.toString(), "--regex", "(a|b)+!")).isEqualTo(2);
        assertThat(err.toString()).contains("recurses too deeply").contains("simplify it");
    }

    @Test
    void chunksShowsWhatIndexingWouldStore() throws Exception {
        assertThat(run("chunks", repo.resolve("src/Retry.java").toString(), "--json")).as(err.toString()).isZero();
        List<JsonNode> chunks = out.toString().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertThat(chunks).extracting(c -> c.get("entity_id").asText()).contains("Retry", "Retry.retryFailedUpload");
        assertThat(chunks).allSatisfy(c -> assertThat(c.has("content")).isTrue());
    }

    @Test
    void chunksOfAFileAreTheChunksIndexingStoresForItInItsTree() throws Exception {
        // A method long enough to be windowed: each window's header names the file by its path in the codebase.
        StringBuilder java = new StringBuilder("public class Long {\n    public int run(int n) {\n");
        for (int i = 0; i < 300; i++) {
            java.append("        total += compute(i, \"value").append(i).append("\", offset + ").append(i).append(");\n");
        }
        java.append("        return total;\n    }\n}\n");
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("src/deep/er"));
        Files.writeString(repo.resolve("src/deep/er/Long.java"), java.toString());

        assertThat(run("chunks", repo.toString())).isZero();
        List<String> inTree = out.toString().lines().filter(l -> l.startsWith("src/deep/er/Long.java:")).toList();
        assertThat(inTree).hasSizeGreaterThan(3);
        assertThat(run("chunks", repo.resolve("src/deep/er/Long.java").toString())).isZero();
        assertThat(out.toString().lines().toList()).isEqualTo(inTree);
        assertThat(run("chunks", repo.resolve("src/deep/er/Long.java").toString(), "--root", repo.resolve("src").toString()))
                .isZero();
        assertThat(out.toString()).startsWith("deep/er/Long.java:");
    }

    @Test
    void usageAndConfigErrorsExitWithTwoAndOneClearLine() throws Exception {
        assertThat(run("search")).isEqualTo(2);
        assertThat(run("index", repo.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is not a directory");
        Path bad = repo.resolve("bad.yaml");
        Files.writeString(bad, "vector_store:\n  milvus:\n    hots: x\n");
        assertThat(run("status", "--path", repo.toString(), "--config", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("unknown key 'vector_store.milvus.hots'").doesNotContain("\tat ");
        assertThat(run("search", "--path", repo.toString(), "--lines", "x-y", "q")).isEqualTo(2);
        assertThat(run("search", "--path", repo.toString(), "--group-by", "dir", "q")).isEqualTo(2);
        assertThat(err.toString()).contains("--group-by takes 'file'");
        assertThat(run("search", "--path", repo.toString(), "--lang", "cobol", "q")).isEqualTo(2);
        assertThat(err.toString()).contains("cobol").contains("java");
        assertThat(run("search", "--path", repo.toString(), "--lines", "1-99999999999", "q")).isEqualTo(2);
        assertThat(err.toString()).contains("--lines");
        assertThat(run("status", "--path", repo.toString(), "--store", "nosuch")).isEqualTo(2);
        assertThat(err.toString()).contains("vector_store.type 'nosuch'").contains("lucene");
    }

    @Test
    void runtimeFailuresExitWithOneAndVerboseAddsTheStackTrace() throws Exception {
        assertThat(run("index", repo.toString())).as(err.toString()).isZero();
        assertThat(run("status", "--path", repo.toString(), "--json")).isZero();
        Path manifest = Path.of(JSON.readTree(out.toString()).get("index_dir").asText())
                .resolve("manifest-" + JSON.readTree(out.toString()).get("collection").asText() + ".jsonl");
        Files.writeString(manifest, "not json\n");

        assertThat(run("status", "--path", repo.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is corrupt at line 1").contains("--verbose").doesNotContain("\tat ");
        assertThat(run("status", "--path", repo.toString(), "--verbose")).isEqualTo(1);
        assertThat(err.toString()).contains("\tat ");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("index", "search", "symbols", "outline", "status", "delete", "collections", "chunks",
                "eval")) {
            assertThat(run(command, "--help")).isZero();
            assertThat(out.toString()).contains("Usage: code-indexer " + command);
        }
    }
}
