package dev.codeindexer.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.server.ServeFixture;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code code-indexer mcp} as an MCP client runs it: a separate process spoken to over its stdin/stdout with the
 * official SDK's client. Any stray byte on stdout would break the protocol, so this also checks that only protocol
 * goes there.
 */
class McpServerTest {
    @TempDir
    Path home;
    @TempDir
    Path repo;

    private McpSyncClient client;
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        ServeFixture.writeCorpus(repo);
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ServerParameters params = ServerParameters.builder(java)
                .args("--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                        "dev.codeindexer.cli.Main", "mcp")
                // HOME is the temporary directory, so that the @TempDir codebase is inside the default server.roots.
                .env(Map.of("CODE_INDEXER_HOME", home.toString(), "HOME", ServeFixture.TEMP.toString()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(stderr::add);
        client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    private static String text(CallToolResult result) {
        StringBuilder s = new StringBuilder();
        for (Content c : result.content()) {
            s.append(((TextContent) c).text()).append('\n');
        }
        return s.toString();
    }

    private CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(new CallToolRequest(tool, args));
    }

    /** Polls get_indexing_status until the latest job has finished; returns the last status text. */
    private String awaitIndexed() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            String status = text(call("get_indexing_status", Map.of("path", repo.toString())));
            if (status.contains(" is succeeded") || status.contains(" is failed")) {
                return status;
            }
            assertThat(System.nanoTime()).as("indexing did not finish: %s", status).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void initializesAndListsTheToolsWithSchemas() {
        var init = client.initialize();
        assertThat(init.serverInfo().name()).isEqualTo("code-indexer");
        assertThat(init.capabilities().tools()).isNotNull();
        List<Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(Tool::name)
                .containsExactlyInAnyOrder("index_codebase", "search_code", "find_symbol", "get_file_outline", "grep_code",
                        "find_references", "get_callers", "get_callees", "get_repo_map", "list_codebases",
                        "get_indexing_status", "clear_index");
        Tool search = tools.stream().filter(t -> t.name().equals("search_code")).findFirst().orElseThrow();
        assertThat(search.inputSchema().get("required")).isEqualTo(List.of("query"));
        assertThat(((Map<?, ?>) search.inputSchema().get("properties")).keySet()).map(String::valueOf)
                .containsExactlyInAnyOrder("path", "paths", "rev", "query", "limit", "languages", "entity_types", "path_glob",
                        "filter", "max_tokens", "offset");
        Tool find = tools.stream().filter(t -> t.name().equals("find_symbol")).findFirst().orElseThrow();
        assertThat(find.inputSchema().get("required")).isEqualTo(List.of("path", "name"));
        assertThat(((Map<?, ?>) find.inputSchema().get("properties")).keySet()).map(String::valueOf)
                .containsExactlyInAnyOrder("path", "name", "kinds", "languages", "limit", "max_tokens", "offset");
        Tool outline = tools.stream().filter(t -> t.name().equals("get_file_outline")).findFirst().orElseThrow();
        assertThat(outline.inputSchema().get("required")).isEqualTo(List.of("path", "file"));
    }

    @Test
    void aPathOutsideServerRootsIsAnErrorNamingTheSetting() throws Exception {
        client.initialize();
        Path dotFolder = Files.createDirectories(
                ServeFixture.TEMP.resolve(".code-indexer-test-" + ProcessHandle.current().pid()));
        try {
            for (Map.Entry<String, Map<String, Object>> call : List.of(
                    Map.entry("index_codebase", Map.<String, Object>of("path", "/etc")),
                    Map.entry("search_code", Map.<String, Object>of("path", "/etc", "query", "password")),
                    Map.entry("grep_code", Map.<String, Object>of("path", "/usr", "pattern", "x")),
                    Map.entry("get_indexing_status", Map.<String, Object>of("path", dotFolder.toString())),
                    Map.entry("clear_index", Map.<String, Object>of("path", "/etc")))) {
                CallToolResult refused = call(call.getKey(), call.getValue());
                assertThat(refused.isError()).as(call.getKey()).isTrue();
                assertThat(text(refused)).as(call.getKey()).contains("outside the directories this server may index")
                        .contains("server.roots");
            }
        } finally {
            Files.delete(dotFolder);
        }
    }

    @Test
    void indexesInTheBackgroundReportsStatusThenSearchesAndClears() throws Exception {
        client.initialize();
        CallToolResult notYet = call("search_code", Map.of("path", repo.toString(), "query", "upload"));
        assertThat(notYet.isError()).isTrue();
        assertThat(text(notYet)).contains("no index of");
        CallToolResult noStatus = call("get_indexing_status", Map.of("path", repo.toString()));
        assertThat(noStatus.isError()).isTrue();
        assertThat(text(noStatus)).contains("is not indexed; call index_codebase");
        assertThat(call("clear_index", Map.of("path", repo.toString())).isError()).isTrue();
        assertThat(Files.list(home)).as("reads of a codebase never indexed create nothing").isEmpty();

        CallToolResult preview = call("index_codebase", Map.of("path", repo.toString(), "dry_run", true));
        assertThat(preview.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(preview)).contains("would embed").contains("Nothing was written");

        CallToolResult started = call("index_codebase", Map.of("path", repo.toString()));
        assertThat(started.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(started)).contains("in the background").contains("get_indexing_status");
        String status = awaitIndexed();
        assertThat(status).contains("is indexed: 3 files").contains(" is succeeded: 3 files indexed");

        CallToolResult found = call("search_code", Map.of("path", repo.toString(), "query", "retry a failed upload",
                "limit", 2));
        assertThat(found.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(found.content()).hasSize(3); // a header, then one block per hit
        assertThat(((TextContent) found.content().get(1)).text())
                .startsWith("1. src/net/Retry.java:3-6  (java method Retry.retryFailedUpload, score ")
                .contains("```java\n").contains("public void retryFailedUpload(String file) {");
        assertThat(text(call("list_codebases", Map.of()))).isEqualTo("1 indexed codebases:\n" + repo + "\n");
        CallToolResult across = call("search_code", Map.of("paths", List.of(repo.toString()), "query",
                "retry a failed upload", "limit", 1));
        assertThat(across.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(((TextContent) across.content().get(1)).text())
                .startsWith("1. " + repo.resolve("src/net/Retry.java") + ":3-6  (java method Retry.retryFailedUpload");
        CallToolResult neither = call("search_code", Map.of("query", "upload"));
        assertThat(neither.isError()).isTrue();
        assertThat(text(neither)).contains("path");

        String python = text(call("search_code", Map.of("path", repo.toString(), "query", "upload",
                "languages", List.of("python"), "entity_types", List.of("function"), "path_glob", "scripts/*.py")));
        assertThat(python).contains("scripts/dates.py:").doesNotContain(".java:");

        String methods = text(call("search_code", Map.of("path", repo.toString(), "query", "upload",
                "filter", Map.of("entity_type", List.of("method"), "language", "java"))));
        assertThat(methods).contains("(java method ").doesNotContain("(java class").doesNotContain(".py:");
        CallToolResult badFilter = call("search_code", Map.of("path", repo.toString(), "query", "upload",
                "filter", Map.of("colour", "red")));
        assertThat(badFilter.isError()).isTrue();
        assertThat(text(badFilter)).contains("colour");
        CallToolResult cobol = call("search_code", Map.of("path", repo.toString(), "query", "x",
                "languages", List.of("cobol")));
        assertThat(cobol.isError()).isTrue();
        assertThat(text(cobol)).contains("cobol").contains("java");

        CallToolResult symbol = call("find_symbol", Map.of("path", repo.toString(), "name", "upload"));
        assertThat(symbol.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(text(symbol)).startsWith("Definitions matching upload in " + repo)
                .contains("src/net/Retry.java:8-9  method Retry.upload  (exact)\n    private void upload(String file)")
                .contains("scripts/dates.py:6-9  function scripts.dates.upload_with_retries  (prefix)");
        String near = text(call("find_symbol", Map.of("path", repo.toString(), "name", "parseHeaderDat",
                "kinds", List.of("method"), "languages", List.of("java"), "limit", 1)));
        assertThat(near).startsWith("no symbol parseHeaderDat; near matches:\n")
                .contains("src/net/HttpDates.java:6-8  method HttpDates.parseHeaderDate  (prefix)");
        CallToolResult nothing = call("find_symbol", Map.of("path", repo.toString(), "name", "qqqzzz"));
        assertThat(nothing.isError()).isTrue();
        assertThat(text(nothing)).contains("no symbol 'qqqzzz' and none near it");

        String outline = text(call("get_file_outline", Map.of("path", repo.toString(), "file", "src/net/Retry.java")));
        assertThat(outline).isEqualTo("""
                src/net/Retry.java: 3 definitions
                  class Retry  2-10  public class Retry
                    method retryFailedUpload  4-6  public void retryFailedUpload(String file)
                    method upload  8-9  private void upload(String file)

                """);
        CallToolResult notIndexed = call("get_file_outline", Map.of("path", repo.toString(), "file", "src/Nope.java"));
        assertThat(notIndexed.isError()).isTrue();
        assertThat(text(notIndexed)).contains("src/Nope.java is not indexed").contains("code-indexer index");

        String grep = text(call("grep_code", Map.of("path", repo.toString(), "pattern", "retryFailedUpload")));
        assertThat(grep).contains("src/net/Retry.java:4:    public void retryFailedUpload(String file) {");
        String cut = text(call("grep_code", Map.of("path", repo.toString(), "pattern", "e", "max", 1)));
        assertThat(cut).contains("cut at max=1");

        String refs = text(call("find_references", Map.of("path", repo.toString(), "name", "upload")));
        assertThat(refs).startsWith("refs upload: 3 lines in 1 file, 3 definitions\n")
                .contains("src/net/Retry.java  class Retry 2-10\n    3: /** Retries a failed upload with")
                .contains("src/net/Retry.java  method Retry.retryFailedUpload 4-6\n    5: upload(file);")
                .contains("src/net/Retry.java  method Retry.upload 8-9\n    8: private void upload(String file) {");
        String callers = text(call("get_callers", Map.of("path", repo.toString(), "name", "Retry.upload")));
        assertThat(callers).startsWith("callers of Retry.upload: 1 call site; defined at Retry.upload src/net/Retry.java:8")
                .contains("src/net/Retry.java  method Retry.retryFailedUpload 4-6\n    5: upload(file);");
        String callees = text(call("get_callees", Map.of("path", repo.toString(), "name", "parseHeaderDate")));
        assertThat(callees).contains("callees of method HttpDates.parseHeaderDate")
                .contains("Instant.parse  line 7  (not defined in the index)");
        CallToolResult unknown = call("get_callers", Map.of("path", repo.toString(), "name", "uplod"));
        assertThat(unknown.isError()).isTrue();
        assertThat(text(unknown)).contains("near names: Retry.upload");
        String map = text(call("get_repo_map", Map.of("path", repo.toString(), "max_tokens", 200)));
        assertThat(map).contains("src/net/Retry.java:\n").contains("private void upload(String file)");

        // max_tokens cuts at whole lines and says which offset gets the rest; that offset continues exactly.
        String all = text(call("grep_code", Map.of("path", repo.toString(), "pattern", "e")));
        String first = text(call("grep_code", Map.of("path", repo.toString(), "pattern", "e", "max_tokens", 100)));
        Matcher next = Pattern.compile("call again with offset=(\\d+) for the next]").matcher(first);
        assertThat(next.find()).as(first).isTrue();
        assertThat(first.length()).isLessThan(all.length());
        String rest = text(call("grep_code", Map.of("path", repo.toString(), "pattern", "e", "offset",
                Integer.parseInt(next.group(1)), "max_tokens", 100000)));
        List<String> allLines = all.lines().skip(1).filter(l -> !l.isEmpty()).toList();
        List<String> pieced = new ArrayList<>(first.lines().skip(1)
                .filter(l -> !l.isEmpty() && !l.startsWith("[cut at")).toList());
        pieced.addAll(rest.lines().skip(1).filter(l -> !l.isEmpty() && !l.startsWith("[")).toList());
        assertThat(pieced).isEqualTo(allLines);
        CallToolResult pastEnd = call("grep_code", Map.of("path", repo.toString(), "pattern", "e", "offset", 100000));
        assertThat(pastEnd.isError()).isTrue();
        assertThat(text(pastEnd)).contains("past the end");
        CallToolResult oneHit = call("search_code", Map.of("path", repo.toString(), "query", "upload", "limit", 3,
                "max_tokens", 100));
        assertThat(text(oneHit)).contains("1. src/").contains("[cut at max_tokens=100: showed results 1-1 of 3; "
                + "call again with offset=1 for the next]");
        assertThat(text(call("search_code", Map.of("path", repo.toString(), "query", "upload", "limit", 3,
                "offset", 1)))).doesNotContain("\n1. src/").contains("2. src/").contains("[results 2-4 of 4: the end]");

        CallToolResult bad = call("search_code", Map.of("path", "relative", "query", "x"));
        assertThat(bad.isError()).isTrue();
        assertThat(text(bad)).contains("must be absolute");

        assertThat(text(call("clear_index", Map.of("path", repo.toString())))).contains("Cleared the index of");
        assertThat(text(call("get_indexing_status", Map.of("path", repo.toString())))).contains("is not indexed");
        assertThat(stderr).noneMatch(line -> line.contains("Exception"));
    }
}
