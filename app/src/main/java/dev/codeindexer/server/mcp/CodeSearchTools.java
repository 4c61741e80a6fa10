package dev.codeindexer.server.mcp;

import dev.codeindexer.index.IndexStatus;
import dev.codeindexer.search.PathGlob;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.server.IndexJob;
import dev.codeindexer.server.IndexService;
import dev.codeindexer.server.JobConflictException;
import dev.codeindexer.server.NotIndexedException;
import dev.codeindexer.server.SearchQuery;
import dev.codeindexer.store.InvalidFilterException;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP tools: {@code index_codebase}, {@code search_code}, {@code get_indexing_status} and {@code clear_index}.
 * Answers are text an agent can use as it is: one block per hit with {@code file:start-end} and the code. A tool
 * that cannot do what was asked answers with {@code isError} and a message saying what to do, so the agent can
 * correct itself; protocol errors are left for malformed protocol.
 */
final class CodeSearchTools {
    static final int MAX_LIMIT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(CodeSearchTools.class);
    private static final String PATH_SCHEMA = """
            "path": {"type": "string", "description": "Absolute path of the codebase's root directory"}""";

    private final IndexService service;
    private final McpJsonMapper json;

    CodeSearchTools(IndexService service, McpJsonMapper json) {
        this.service = service;
        this.json = json;
    }

    List<SyncToolSpecification> all() {
        return List.of(
                tool("index_codebase", """
                        Index a codebase for semantic search, in the background. Incremental: only new and changed \
                        files are embedded again. Returns at once; follow progress with get_indexing_status.""",
                        "{" + PATH_SCHEMA + """
                        , "force": {"type": "boolean", "description": "Drop the existing index and rebuild it from scratch (default false)"}}""",
                        List.of("path"), Set.of("path", "force"), this::index),
                tool("search_code", """
                        Search an indexed codebase in natural language or code. Returns the best matching functions, \
                        methods and classes with file:line ranges and their code.""",
                        "{" + PATH_SCHEMA + """
                        , "query": {"type": "string", "description": "What to look for: a description or a piece of code"},
                          "limit": {"type": "integer", "minimum": 1, "maximum": 50, "description": "Most results (default 10)"},
                          "languages": {"type": "array", "items": {"type": "string"}, "description": "Only these languages, e.g. [\\"java\\", \\"python\\"]"},
                          "entity_types": {"type": "array", "items": {"type": "string"}, "description": "Only these kinds: function, method, constructor, class, interface..."},
                          "path_glob": {"type": "string", "description": "Only files matching this glob, e.g. src/**/*.java or *Test.java"}}""",
                        List.of("path", "query"), Set.of("path", "query", "limit", "languages", "entity_types", "path_glob"),
                        this::search),
                tool("get_indexing_status", """
                        Show whether a codebase is indexed (files, chunks, model, last run) and the progress of its \
                        latest indexing job.""",
                        "{" + PATH_SCHEMA + "}", List.of("path"), Set.of("path"), this::status),
                tool("clear_index", "Delete the whole index of a codebase (the code itself is not touched).",
                        "{" + PATH_SCHEMA + "}", List.of("path"), Set.of("path"), this::clear));
    }

    private SyncToolSpecification tool(String name, String description, String properties, List<String> required,
                                       Set<String> known, Function<ToolArguments, CallToolResult> handler) {
        String schema = "{\"type\": \"object\", \"properties\": " + properties + ", \"required\": "
                + required.stream().map(r -> "\"" + r + "\"").toList() + ", \"additionalProperties\": false}";
        Tool tool = Tool.builder().name(name).description(description).inputSchema(json, schema).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> call(name, known, request, handler)).build();
    }

    private static CallToolResult call(String name, Set<String> known, CallToolRequest request,
                                       Function<ToolArguments, CallToolResult> handler) {
        try {
            return handler.apply(new ToolArguments(name, request.arguments(), known));
        } catch (RuntimeException e) {
            // The agent reads the message and can correct the call; the log keeps the trace of unexpected failures.
            if (e instanceof IllegalArgumentException || e instanceof NotIndexedException
                    || e instanceof JobConflictException || e instanceof InvalidFilterException) {
                LOG.info("tool {} refused: {}", name, e.getMessage());
            } else {
                LOG.warn("tool {} failed", name, e);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return CallToolResult.builder().addTextContent("Error: " + message).isError(true).build();
        }
    }

    private CallToolResult index(ToolArguments args) {
        Path root = IndexService.root(args.string("path", true));
        boolean force = args.bool("force", false);
        IndexJob job;
        String lead;
        try {
            job = service.startIndex(root, force);
            lead = "Started indexing " + root + (force ? " from scratch" : "") + " in the background (job " + job.id() + ").";
        } catch (JobConflictException e) {
            job = e.job();
            lead = "Indexing of " + root + " is already under way (job " + job.id() + ").";
        }
        return text(lead + "\n" + describe(job.status()) + "\nCall get_indexing_status with the same path to follow it.");
    }

    private CallToolResult search(ToolArguments args) {
        Path root = IndexService.root(args.string("path", true));
        String query = args.string("query", true);
        String glob = args.string("path_glob", false);
        if (glob != null) {
            PathGlob.of(glob);
        }
        SearchQuery q = new SearchQuery(root, List.of(query), args.integer("limit", 10, 1, MAX_LIMIT),
                args.strings("languages", 50), args.strings("entity_types", 50), glob, 0, 0, null);
        List<SearchHit> hits = service.search(q).getFirst();
        CallToolResult.Builder result = CallToolResult.builder();
        if (hits.isEmpty()) {
            return result.addTextContent("No results for \"" + query + "\" in " + root
                    + ". Try other words, fewer filters, or check get_indexing_status.").build();
        }
        result.addTextContent(hits.size() + " results for \"" + query + "\" in " + root + " (best first):");
        for (int i = 0; i < hits.size(); i++) {
            result.addTextContent(block(i + 1, hits.get(i)));
        }
        return result.build();
    }

    /** One hit: where it is, what it is, and its code in a fenced block. */
    static String block(int rank, SearchHit h) {
        String fence = h.content().contains("```") ? "~~~~" : "```";
        return rank + ". " + h.filePath() + ":" + h.startLine() + "-" + h.endLine() + "  (" + h.language() + " "
                + h.entityType() + (h.entityId() == null || h.entityId().isEmpty() ? "" : " " + h.entityId())
                + ", score " + String.format(Locale.ROOT, "%.3f", h.score()) + ")\n"
                + fence + h.language() + "\n" + h.content() + (h.content().endsWith("\n") ? "" : "\n") + fence;
    }

    private CallToolResult status(ToolArguments args) {
        Path root = IndexService.root(args.string("path", true));
        IndexStatus s = service.status(root);
        IndexJob job = service.latestJob(root);
        List<String> lines = new ArrayList<>();
        if (s == null) {
            lines.add(root + " is not indexed" + (job == null ? "; call index_codebase to index it." : " yet."));
        } else {
            lines.add(root + " is indexed: " + s.files() + " files, " + s.chunks() + " chunks, model " + s.model()
                    + ", store " + s.store() + ", last indexed " + (s.lastIndexed() == null ? "never (a run was cut short)"
                    : s.lastIndexed()) + ".");
            if (!s.languages().isEmpty()) {
                lines.add("Files by language: " + s.languages());
            }
        }
        if (job != null) {
            lines.add(describe(job.status()));
        }
        return text(String.join("\n", lines));
    }

    private CallToolResult clear(ToolArguments args) {
        Path root = IndexService.root(args.string("path", true));
        IndexStatus before = service.status(root);
        if (before == null) {
            return text(root + " has no index; nothing to clear.");
        }
        service.deleteAll(root);
        return text("Cleared the index of " + root + " (" + before.files() + " files, " + before.chunks() + " chunks).");
    }

    /** A job's state and progress in one line. */
    static String describe(IndexJob.Status j) {
        String state = j.state().name().toLowerCase(Locale.ROOT);
        StringBuilder s = new StringBuilder("Job " + j.id() + " is " + state);
        switch (j.state()) {
            case QUEUED -> s.append(" (waiting for another job to finish)");
            case RUNNING -> s.append(": ").append(j.filesDone()).append('/').append(j.filesTotal() == 0 ? "?" : j.filesTotal())
                    .append(" changed files, ").append(j.chunks()).append(" chunks stored");
            case SUCCEEDED -> s.append(": ").append(j.report().filesIndexed()).append(" files indexed, ")
                    .append(j.report().filesUnchanged()).append(" unchanged, ").append(j.report().filesRemoved())
                    .append(" removed, ").append(j.report().chunksWritten()).append(" chunks written in ")
                    .append(j.report().millis()).append(" ms");
            case FAILED, CANCELLED -> s.append(": ").append(String.join("; ", j.errors()));
        }
        return s.append('.').toString();
    }

    private static CallToolResult text(String text) {
        return CallToolResult.builder().addTextContent(text).build();
    }
}
