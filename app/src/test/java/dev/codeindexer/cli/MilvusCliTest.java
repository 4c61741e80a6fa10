package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.store.milvus.MilvusTestServer;
import dev.codeindexer.store.milvus.MilvusVectorStore;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end against a real Milvus-protocol server: {@code --store milvus} gives what the embedded store gives. */
class MilvusCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;
    @TempDir
    Path home;
    private Path config;

    private CliRun cli;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void fixture() throws Exception {
        config = home.resolve("milvus.yaml");
        Files.writeString(config, "vector_store:\n  milvus:\n    uri: " + MilvusTestServer.uri()
                + "\n    consistency_level: STRONG\n");
        cli = new CliRun(home);
        out = cli.out;
        err = cli.err;
        CliRun.writeSampleRepo(repo);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    private int milvus(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--store";
        all[args.length + 1] = "milvus";
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        return run(all);
    }

    private JsonNode top(String query, boolean milvus) throws Exception {
        String[] args = {"search", "--path", repo.toString(), "--json", "-k", "3", query};
        assertThat(milvus ? milvus(args) : run(args)).as(err.toString()).isZero();
        return JSON.readTree(out.toString().lines().findFirst().orElseThrow()).get("results");
    }

    @Test
    void indexSearchStatusDeleteOnMilvusMatchTheEmbeddedStore() throws Exception {
        assertThat(milvus("index", repo.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 indexed");
        try {
            assertThat(run("index", repo.toString())).as(err.toString()).isZero();
            for (String query : new String[] {"retry failed upload", "parse an http date", "Retry"}) {
                JsonNode viaMilvus = top(query, true);
                JsonNode viaLucene = top(query, false);
                assertThat(viaMilvus.get(0).get("entity_id").asText()).as(query)
                        .isEqualTo(viaLucene.get(0).get("entity_id").asText());
                assertThat(viaMilvus.get(0).get("start_line").asInt()).isEqualTo(viaLucene.get(0).get("start_line").asInt());
            }
            assertThat(milvus("search", "--path", repo.toString(), "--json", "--lang", "python", "--mode", "lexical",
                    "date")).isZero();
            JsonNode lexical = JSON.readTree(out.toString().lines().findFirst().orElseThrow()).get("results");
            assertThat(lexical).isNotEmpty().allSatisfy(r -> assertThat(r.get("language").asText()).isEqualTo("python"));

            assertThat(milvus("status", "--path", repo.toString(), "--json")).isZero();
            JsonNode status = JSON.readTree(out.toString());
            assertThat(status.get("store").asText()).isEqualTo("milvus");
            assertThat(status.get("files").asInt()).isEqualTo(2);
            int chunks = status.get("chunks").asInt();
            assertThat(chunks).isPositive();

            assertThat(milvus("index", repo.toString())).isZero();
            assertThat(milvus("status", "--path", repo.toString(), "--json")).isZero();
            assertThat(JSON.readTree(out.toString()).get("chunks").asInt()).as("no-change re-index").isEqualTo(chunks);

            // The symbol table lives in the index directory whatever the store, and follows deletes there too.
            assertThat(milvus("symbols", "--path", repo.toString(), "--json", "Retry.upload")).as(err.toString())
                    .isZero();
            JsonNode upload = JSON.readTree(out.toString()).get("matches").get(0);
            assertThat(upload.get("match").asText()).isEqualTo("exact");
            assertThat(upload.get("line").asInt()).isEqualTo(8);
            assertThat(milvus("outline", "--path", repo.toString(), "src/dates.py")).isZero();
            assertThat(out.toString()).contains("function parse_http_date  1-3");

            assertThat(milvus("delete", "--path", repo.toString(), "--file", "src/dates.py")).isZero();
            assertThat(milvus("status", "--path", repo.toString(), "--json")).isZero();
            assertThat(JSON.readTree(out.toString()).get("chunks").asInt()).isLessThan(chunks);
            assertThat(milvus("outline", "--path", repo.toString(), "src/dates.py")).isEqualTo(2);
            assertThat(err.toString()).contains("src/dates.py is not indexed");
        } finally {
            assertThat(milvus("delete", "--path", repo.toString(), "--all")).as(err.toString()).isZero();
        }
        // Deleted means not indexed: a caller's mistake (exit 2) that names what to run, and creates nothing.
        assertThat(milvus("search", "--path", repo.toString(), "anything")).isEqualTo(2);
        assertThat(err.toString()).contains("code-indexer index");
    }

    @Test
    void codebasesShareOneMilvusCollectionAndEachSeesOnlyItsOwnRows() throws Exception {
        String shared = "ci_cli_shared_" + Long.toHexString(System.nanoTime());
        Files.writeString(config, Files.readString(config) + "    shared_collection: " + shared + "\n");
        Path clone = home.resolve("clone");
        CliRun.writeSampleRepo(clone);
        Path billing = home.resolve("billing");
        CliRun.writeBillingRepo(billing);
        MilvusVectorStore plain = new MilvusVectorStore(MilvusTestServer.config(""));
        plain.connect();
        try {
            List<String> before = plain.listCollections();
            for (Path p : List.of(repo, clone, billing)) {
                assertThat(milvus("index", p.toString())).as(err.toString()).isZero();
            }
            // Three codebases, one Milvus collection.
            List<String> added = new ArrayList<>(plain.listCollections());
            added.removeAll(before);
            assertThat(added).containsExactly(shared);

            assertThat(milvus("status", "--path", repo.toString(), "--json")).isZero();
            int chunks = JSON.readTree(out.toString()).get("chunks").asInt();
            // The clone holds the same files, so the same chunk ids: still each sees its own rows only.
            assertThat(milvus("search", "--path", repo.toString(), "--json", "-k", "50", "retry upload")).isZero();
            JsonNode own = JSON.readTree(out.toString()).get("results");
            assertThat(own.size()).isPositive().isLessThanOrEqualTo(chunks);
            Set<String> places = new HashSet<>();
            own.forEach(hit -> assertThat(places.add(hit.get("file_path").asText() + ":" + hit.get("start_line")))
                    .as("one hit per place").isTrue());

            assertThat(milvus("search", "--all", "--json", "-k", "30", "retry upload")).as(err.toString()).isZero();
            List<String> codebases = new ArrayList<>();
            JSON.readTree(out.toString()).get("results").forEach(hit -> codebases.add(hit.get("codebase").asText()));
            assertThat(codebases).contains(repo.toString(), clone.toString(), billing.toString());

            assertThat(milvus("delete", "--path", repo.toString(), "--all")).as(err.toString()).isZero();
            assertThat(milvus("status", "--path", clone.toString(), "--json")).isZero();
            assertThat(JSON.readTree(out.toString()).get("chunks").asInt()).isEqualTo(chunks);
            assertThat(milvus("search", "--path", clone.toString(), "--json", "retryFailedUpload")).isZero();
            assertThat(JSON.readTree(out.toString()).get("results").get(0).get("entity_id").asText())
                    .isEqualTo("Retry.retryFailedUpload");
        } finally {
            plain.listCollections().stream().filter(name -> name.startsWith(shared)).forEach(plain::dropCollection);
            plain.close();
        }
    }

    @Test
    void gitWorktreesShareOneMilvusCollectionAndEachSeesOnlyItsOwnRows() throws Exception {
        CliRun.git(repo, "init", "-q");
        CliRun.git(repo, "add", "-A");
        CliRun.git(repo, "commit", "-q", "-m", "v1");
        Files.writeString(repo.resolve("src/Backoff.java"), """
                /** How long to wait between attempts. */
                public class Backoff {
                    public long nextDelayMillis(int attempt) {
                        return 100L << attempt;
                    }
                }
                """);
        CliRun.git(repo, "add", "-A");
        CliRun.git(repo, "commit", "-q", "-m", "v2");
        Path worktree = home.resolve("wt");
        CliRun.git(repo, "worktree", "add", "-q", "--detach", worktree.toString(), "HEAD");
        CliRun.git(repo, "checkout", "-q", "--detach", "HEAD~1");
        try {
            assertThat(milvus("index", repo.toString())).as(err.toString()).isZero();
            assertThat(milvus("status", "--path", repo.toString(), "--json")).isZero();
            JsonNode first = JSON.readTree(out.toString());
            assertThat(milvus("index", worktree.toString())).as(err.toString()).isZero();
            String summary = out.toString();
            assertThat(summary).contains("3 seen, 1 indexed, 2 unchanged");
            assertThat(milvus("status", "--path", worktree.toString(), "--json")).isZero();
            JsonNode second = JSON.readTree(out.toString());
            assertThat(summary).as("only the new file's rows are written")
                    .contains(" " + (second.get("chunks").asInt() - first.get("chunks").asInt()) + " written");
            assertThat(second.get("collection").asText()).isEqualTo(first.get("collection").asText());
            assertThat(second.get("files").asInt()).isEqualTo(3);
            assertThat(second.get("chunks").asInt()).isGreaterThan(first.get("chunks").asInt());

            assertThat(milvus("search", "--path", worktree.toString(), "--json", "-k", "3", "nextDelayMillis")).isZero();
            assertThat(JSON.readTree(out.toString()).get("results").get(0).get("file_path").asText())
                    .isEqualTo("src/Backoff.java");
            for (String mode : List.of("hybrid", "dense", "lexical")) {
                assertThat(milvus("search", "--path", repo.toString(), "--json", "-k", "50", "--mode", mode,
                        "delay between attempts")).isZero();
                JSON.readTree(out.toString()).get("results").forEach(hit -> assertThat(hit.get("file_path").asText())
                        .as("never the other worktree's rows (%s)", mode).isNotEqualTo("src/Backoff.java"));
            }

            assertThat(milvus("delete", "--path", worktree.toString(), "--all")).as(err.toString()).isZero();
            assertThat(milvus("status", "--path", repo.toString(), "--json")).isZero();
            assertThat(JSON.readTree(out.toString()).get("chunks").asInt()).isEqualTo(first.get("chunks").asInt());
            assertThat(milvus("search", "--path", repo.toString(), "--json", "retryFailedUpload")).isZero();
            assertThat(JSON.readTree(out.toString()).get("results").get(0).get("entity_id").asText())
                    .isEqualTo("Retry.retryFailedUpload");
        } finally {
            assertThat(milvus("delete", "--path", repo.toString(), "--all")).as(err.toString()).isZero();
        }
    }
}
