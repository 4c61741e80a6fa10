package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One search over several codebases: --path A --path B, and --all. */
class SearchAcrossCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;

    private static List<JsonNode> results(String out) throws Exception {
        List<JsonNode> hits = new ArrayList<>();
        JSON.readTree(out).get("results").forEach(hits::add);
        return hits;
    }

    @Test
    void severalCodebasesAnswerAsOneRankingAndEveryHitNamesItsCodebase() throws Exception {
        Path uploads = home.resolve("uploads");
        CliRun.writeSampleRepo(uploads);
        Path billing = home.resolve("billing");
        CliRun.writeBillingRepo(billing);
        Path elsewhere = home.resolve("elsewhere");
        CliRun.writeSampleRepo(elsewhere);
        CliRun cli = new CliRun(home);
        for (Path p : List.of(uploads, billing, elsewhere)) {
            assertThat(cli.run("index", p.toString())).as(cli.err.toString()).isZero();
        }

        assertThat(cli.run("search", "--path", uploads.toString(), "--path", billing.toString(), "--json",
                "retry a failed upload")).as(cli.err.toString()).isZero();
        List<JsonNode> both = results(cli.out.toString());
        assertThat(both).extracting(h -> h.get("codebase").asText())
                .contains(uploads.toString(), billing.toString()).doesNotContain(elsewhere.toString());
        assertThat(both).extracting(h -> h.get("score").asDouble()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(both).filteredOn(h -> h.get("codebase").asText().equals(billing.toString()))
                .extracting(h -> h.get("entity_id").asText()).contains("Invoice.retryInvoiceUpload");
        assertThat(JSON.readTree(cli.out.toString()).get("dense_coverage").asDouble()).isEqualTo(1.0);

        assertThat(cli.run("search", "--path", uploads.toString(), "--path", billing.toString(),
                "retryInvoiceUpload")).isZero();
        assertThat(cli.out.toString()).contains(billing.resolve("Invoice.java") + ":");

        assertThat(cli.run("search", "--all", "--json", "--top-k", "30", "retry upload")).as(cli.err.toString()).isZero();
        assertThat(results(cli.out.toString())).extracting(h -> h.get("codebase").asText())
                .contains(uploads.toString(), billing.toString(), elsewhere.toString());

        assertThat(cli.run("search", "--all", "--path", uploads.toString(), "x")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("--all");
        assertThat(cli.run("search", "--path", uploads.toString(), "--path", billing.toString(), "--collection", "c",
                "x")).isEqualTo(2);
        assertThat(cli.run("search", "--path", uploads.toString(), "--path", home.resolve("never").toString(),
                "x")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("no index of " + home.resolve("never"));
    }

    @Test
    void allWithNothingIndexedSaysSo() {
        CliRun cli = new CliRun(home);
        assertThat(cli.run("search", "--all", "anything")).isEqualTo(2);
        assertThat(cli.err.toString()).contains("no codebase is indexed").contains("code-indexer index DIR");
    }
}
