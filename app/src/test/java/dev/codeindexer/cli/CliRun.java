package dev.codeindexer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs CLI commands in-process against one data home and keeps what they printed; plus the sample repository. */
public final class CliRun {
    private final Path home;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    CliRun(Path home) {
        this.home = home;
    }

    int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cmd = Main.commandLine(Map.of("CODE_INDEXER_HOME", home.toString(), "HOME", home.toString()));
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    /** A Java file with a documented method and a Python function: two languages, known entities and lines. */
    /** Runs the git binary in {@code repo} with a test identity; fails unless it exits 0. Returns its output. */
    public static String git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
        }
        return out.strip();
    }

    static void writeSampleRepo(Path repo) throws IOException {
        Files.createDirectories(repo.resolve("src"));
        Files.writeString(repo.resolve("src/Retry.java"), """
                /** Retry policies for network calls. */
                public class Retry {
                    /** Retries a failed upload with exponential backoff. */
                    public void retryFailedUpload(String file) {
                        upload(file);
                    }

                    private void upload(String file) {
                    }
                }
                """);
        Files.writeString(repo.resolve("src/dates.py"), """
                def parse_http_date(value):
                    \"\"\"Parse an HTTP date header.\"\"\"
                    return value
                """);
    }

    /** A second codebase: one Java class whose method also retries an upload, under other names. */
    static void writeBillingRepo(Path repo) throws IOException {
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("Invoice.java"), """
                /** Invoices for customers. */
                public class Invoice {
                    /** Retries sending an invoice upload to the billing service. */
                    public void retryInvoiceUpload(String id) {
                    }
                }
                """);
    }
}
