package dev.codeindexer.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.codeindexer.server.ServeFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search page in a real headless browser (Debian's chromium): the page is loaded with a search in its address,
 * its script calls the API, and the DOM it built is dumped once the page has settled. Without chromium the test is
 * skipped with the reason, except under {@code CI=true}, where a missing browser fails it ({@code bin/test} installs
 * chromium when apt is available).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPageBrowserTest {
    @TempDir
    static Path home;
    @TempDir
    static Path repo;
    @TempDir
    static Path profile;

    private Path chromium;
    private ServeFixture server;

    @BeforeAll
    void start() throws Exception {
        chromium = Stream.of(System.getenv("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser")
                .filter(p -> p != null && Files.isExecutable(Path.of(p))).map(Path::of).findFirst().orElse(null);
        if (chromium == null) {
            String reason = "no chromium at /usr/bin/chromium (apt-get install -y chromium, or set CHROMIUM)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + reason);
            }
            Assumptions.abort("skipping the browser test: " + reason);
        }
        ServeFixture.writeCorpus(repo);
        StringBuilder java = new StringBuilder("package text;\n\npublic class Text {\n    /** Shortens text. */\n"
                + "    public static String shorten(String text, int width) {\n");
        for (int i = 0; i < 150; i++) {
            java.append("        int step").append(i).append(" = text.length() + width * ").append(i).append(";\n");
        }
        java.append("        return text.substring(0, width) + zebraquokka;\n    }\n}\n");
        Files.writeString(repo.resolve("src/Text.java"), java.toString());
        server = ServeFixture.start(home);
        server.index(repo);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    /** The DOM after the page's script ran, as chromium serialises it. */
    private String render(String query) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile,
                "--virtual-time-budget=20000", "--dump-dom", server.base().resolve("/?" + query).toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(dom, StandardCharsets.UTF_8);
    }

    @Test
    void aSearchShowsFileAndLinesWithHighlightedCode() throws Exception {
        String dom = render("path=" + ServeFixture.q(repo) + "&q=" + ServeFixture.q("retry a failed upload"));
        assertThat(dom).contains("<li class=\"hit\">")
                .contains(">src/net/Retry.java:3-6</a>")
                .contains("java method Retry.retryFailedUpload")
                .contains("<span class=\"tok-kw\">public</span>")
                .contains("<mark>retryFailedUpload</mark>")
                .contains("<span class=\"ln\">3</span>")
                .containsPattern("<p id=\"status\" role=\"status\" class=\"\">\\d+ results in \\d+ ms</p>");
    }

    @Test
    void aHitInALongMethodShowsItsSignatureAndMarksTheMatchedLines() throws Exception {
        String dom = render("path=" + ServeFixture.q(repo) + "&q=zebraquokka&mode=lexical&k=1");
        assertThat(dom).contains(">src/Text.java:4-157</a>")
                .containsPattern("<span class=\"matched\">matched \\d+-157</span>")
                .contains("<span class=\"ln\">5</span>")
                .containsPattern("<span class=\"row match\"><span class=\"ln\">156</span>")
                .doesNotContain("<span class=\"row match\"><span class=\"ln\">5</span>");
    }

    @Test
    void filtersFromTheAddressNarrowTheResults() throws Exception {
        String dom = render("path=" + ServeFixture.q(repo) + "&q=upload&lang=python&type=function");
        assertThat(dom).contains("scripts/dates.py:").doesNotContain(".java:")
                .contains("<span class=\"tok-str\">\"\"\"Upload a file, retrying when it fails.\"\"\"</span>")
                .contains("<span class=\"tok-kw\">def</span>").doesNotContain("method ");
    }

    @Test
    void anApiErrorIsShownToThePerson() throws Exception {
        String dom = render("path=relative/dir&q=upload");
        assertThat(dom).contains("class=\"error\"").contains("path must be absolute");
        assertThat(dom).doesNotContain("<li class=\"hit\">");
    }
}
