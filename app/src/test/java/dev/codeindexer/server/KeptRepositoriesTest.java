package dev.codeindexer.server;

import static dev.codeindexer.server.ServeFixture.json;
import static dev.codeindexer.server.ServeFixture.q;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindexer.cli.CliRun;
import dev.codeindexer.cli.Main;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.store.milvus.MilvusTestServer;
import dev.codeindexer.store.milvus.MilvusVectorStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A team server ({@code server.repositories}) indexes its repositories on its own and keeps them fresh. */
class KeptRepositoriesTest {
    @TempDir
    Path home;
    @TempDir
    Path uploads;
    @TempDir
    Path billing;

    private static List<String> entities(ServeFixture server, Path root, String query) throws Exception {
        return entities(server, root, null, query);
    }

    /** The entities of the hits for {@code query} in {@code root}, or in its git revision {@code rev} if not null. */
    private static List<String> entities(ServeFixture server, Path root, String rev, String query) throws Exception {
        Map<String, String> body = rev == null ? Map.of("path", root.toString(), "query", query)
                : Map.of("path", root.toString(), "rev", rev, "query", query);
        HttpResponse<String> r = server.post("/api/search", body);
        List<String> out = new ArrayList<>();
        if (r.statusCode() == 200) {
            json(r).get("queries").get(0).get("results").forEach(h -> out.add(h.get("entity_id").asText()));
        }
        return out;
    }

    /** Polls until {@code done} holds; the deadline only stops a broken server from hanging the build. */
    private static <T> T await(Duration deadline, ThrowingSupplier<T> read, Predicate<T> done) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < end) {
            Thread.sleep(200);
            value = read.get();
        }
        return value;
    }

    private static void writeLedger(Path repo) throws Exception {
        Files.writeString(repo.resolve("Ledger.java"), """
                /** The ledger of a customer's account. */
                public class Ledger {
                    /** Adds an entry to the ledger. */
                    public void addEntry(long cents) {
                    }
                }
                """);
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @Test
    void repositoriesAreIndexedAtStartAndAgainWhenTheyChange() throws Exception {
        ServeFixture.writeCorpus(uploads);
        writeLedger(billing);
        Path config = home.resolve("team.yaml");
        Files.writeString(config, "server:\n  repositories: [" + uploads + ", " + billing + "]\n  refresh_seconds: 0\n");
        try (ServeFixture server = ServeFixture.start(home, "--config", config.toString())) {
            // Nobody asked for an index: the server indexed both on its own.
            assertThat(await(Duration.ofSeconds(120), () -> entities(server, uploads, "retry a failed upload"),
                    hits -> hits.contains("Retry.retryFailedUpload"))).contains("Retry.retryFailedUpload");
            assertThat(await(Duration.ofSeconds(120), () -> entities(server, billing, "add to the ledger"),
                    hits -> hits.contains("Ledger.addEntry"))).contains("Ledger.addEntry");
            JsonNode status = json(server.get("/api/status?path=" + q(billing)));
            assertThat(status.get("index").get("files").asInt()).isEqualTo(1);
            assertThat(status.get("job").get("path").asText()).isEqualTo(billing.toString());

            // A file added to one repository is found there soon after, without a request to index.
            Files.writeString(billing.resolve("Reconcile.java"), """
                    public class Reconcile {
                        /** Matches bank statement lines against ledger entries. */
                        public void reconcileStatement(String statement) {
                        }
                    }
                    """);
            assertThat(await(Duration.ofSeconds(120), () -> entities(server, billing, "match bank statement lines"),
                    hits -> hits.contains("Reconcile.reconcileStatement"))).contains("Reconcile.reconcileStatement");
            assertThat(await(Duration.ofSeconds(60), () -> json(server.get("/api/status?path=" + q(billing)))
                    .get("index").get("files").asInt(), files -> files == 2)).isEqualTo(2);
            assertThat(entities(server, uploads, "match bank statement lines"))
                    .doesNotContain("Reconcile.reconcileStatement");
        }
    }

    @Test
    void aRevisionIsKeptIndexedAndFollowsItsBranch() throws Exception {
        ServeFixture.writeCorpus(uploads);
        CliRun.git(uploads, "init", "-q");
        CliRun.git(uploads, "add", "-A");
        CliRun.git(uploads, "commit", "-q", "-m", "first");
        CliRun.git(uploads, "branch", "release");
        Path config = home.resolve("team.yaml");
        Files.writeString(config, "server:\n  repositories: [" + uploads + "@release]\n  refresh_seconds: 0\n");
        try (ServeFixture server = ServeFixture.start(home, "--config", config.toString())) {
            assertThat(await(Duration.ofSeconds(120), () -> entities(server, uploads, "release", "retry a failed upload"),
                    hits -> hits.contains("Retry.retryFailedUpload"))).contains("Retry.retryFailedUpload");
            HttpResponse<String> checkout = server.post("/api/search", Map.of("path", uploads.toString(),
                    "query", "retry"));
            assertThat(checkout.statusCode()).as("the checkout itself was never indexed").isGreaterThanOrEqualTo(400);

            // The branch moves on (a commit, nothing checked out): the server indexes the new commit's tree.
            String first = CliRun.git(uploads, "rev-parse", "HEAD");
            Path firstTree = home.resolve("revisions").resolve(IndexLocation.collectionName(uploads)).resolve(first);
            assertThat(firstTree).isDirectory();
            writeLedger(uploads);
            CliRun.git(uploads, "add", "-A");
            CliRun.git(uploads, "commit", "-q", "-m", "second");
            CliRun.git(uploads, "branch", "-f", "release", "HEAD");
            assertThat(await(Duration.ofSeconds(120), () -> entities(server, uploads, "release", "add to the ledger"),
                    hits -> hits.contains("Ledger.addEntry"))).contains("Ledger.addEntry");
            assertThat(server.post("/api/search", Map.of("path", uploads.toString(), "rev", "nosuch", "query", "x"))
                    .statusCode()).isEqualTo(400);
            // The commit the branch left goes, tree and index, once the new one is indexed.
            assertThat(await(Duration.ofSeconds(60), () -> Files.exists(firstTree), exists -> !exists)).isFalse();
            assertThat(server.post("/api/search", Map.of("path", uploads.toString(), "rev", first, "query", "retry"))
                    .statusCode()).isEqualTo(400);
            assertThat(entities(server, uploads, "release", "retry a failed upload")).contains("Retry.retryFailedUpload");
        }
    }

    @Test
    void aTeamServerOnMilvusKeepsItsRepositoriesInOneSharedCollection() throws Exception {
        ServeFixture.writeCorpus(uploads);
        writeLedger(billing);
        String shared = "ci_team_" + Long.toHexString(System.nanoTime());
        Path config = home.resolve("team.yaml");
        Files.writeString(config, "vector_store:\n  type: milvus\n  milvus:\n    uri: " + MilvusTestServer.uri()
                + "\n    consistency_level: STRONG\n    shared_collection: " + shared + "\nserver:\n  repositories: ["
                + uploads + ", " + billing + "]\n  refresh_seconds: 0\n");
        MilvusVectorStore plain = new MilvusVectorStore(MilvusTestServer.config(""));
        plain.connect();
        try (ServeFixture server = ServeFixture.start(home, "--config", config.toString())) {
            assertThat(await(Duration.ofSeconds(120), () -> entities(server, uploads, "retry a failed upload"),
                    hits -> hits.contains("Retry.retryFailedUpload"))).contains("Retry.retryFailedUpload");
            assertThat(await(Duration.ofSeconds(120), () -> entities(server, billing, "add to the ledger"),
                    hits -> hits.contains("Ledger.addEntry"))).contains("Ledger.addEntry");
            assertThat(entities(server, billing, "retry a failed upload")).doesNotContain("Retry.retryFailedUpload");
            // Both repositories, one Milvus collection.
            assertThat(plain.listCollections()).filteredOn(name -> name.startsWith(shared)).containsExactly(shared);
        } finally {
            plain.listCollections().stream().filter(name -> name.startsWith(shared)).forEach(plain::dropCollection);
            plain.close();
        }
    }

    @Test
    void aRepositoryOutsideTheRootsOrMissingIsAConfigMistake() throws Exception {
        Path config = home.resolve("team.yaml");
        Files.writeString(config, "server:\n  roots: [" + uploads + "]\n  repositories: [" + billing + "]\n");
        assertThat(serve(config)).isEqualTo(2);
        Files.writeString(config, "server:\n  repositories: [" + billing.resolve("gone") + "]\n");
        assertThat(serve(config)).isEqualTo(2);
        Files.writeString(config, "server:\n  repositories: [relative/dir]\n");
        assertThat(serve(config)).isEqualTo(2);
    }

    private final StringWriter err = new StringWriter();

    private int serve(Path config) {
        err.getBuffer().setLength(0);
        var cmd = Main.commandLine(Map.of("CODE_INDEXER_HOME", home.toString(), "HOME", ServeFixture.TEMP.toString()));
        cmd.setOut(new PrintWriter(new StringWriter()));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute("serve", "--port", "0", "--config", config.toString());
        assertThat(err.toString()).contains("server.repositories");
        return exit;
    }
}
