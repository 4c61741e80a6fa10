package dev.codeindexer.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindexer.embed.EmbeddingException;
import dev.codeindexer.error.CallerError;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.grep.Grep;
import dev.codeindexer.index.DryRun;
import dev.codeindexer.index.IndexException;
import dev.codeindexer.index.IndexStatus;
import dev.codeindexer.search.CodebaseHit;
import dev.codeindexer.search.PathGlob;
import dev.codeindexer.search.SearchHit;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.search.Searcher;
import dev.codeindexer.server.IndexJob;
import dev.codeindexer.server.IndexService;
import dev.codeindexer.server.JobConflictException;
import dev.codeindexer.server.SearchQuery;
import dev.codeindexer.store.VectorStoreException;
import dev.codeindexer.symbols.Callees;
import dev.codeindexer.symbols.Callers;
import dev.codeindexer.symbols.FileOutline;
import dev.codeindexer.symbols.Refs;
import dev.codeindexer.symbols.RepoMap;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolLookup;
import dev.codeindexer.symbols.SymbolQuery;
import dev.codeindexer.symbols.SymbolText;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP tools: {@code index_codebase}, {@code search_code}, {@code find_symbol}, {@code get_file_outline},
 * {@code grep_code}, {@code find_references}, {@code get_callers}, {@code get_callees}, {@code get_repo_map},
 * {@code get_indexing_status} and {@code clear_index}. Answers that can grow take {@code max_tokens} and
 * {@code offset} ({@link Paging}).
 * Answers are text an agent can use as it is: one block per hit with {@code file:start-end} and the code. A tool
 * that cannot do what was asked answers with {@code isError} and a message saying what to do, so the agent can
 * correct itself; protocol errors are left for malformed protocol.
 */
final class CodeSearchTools {
    static final int MAX_LIMIT = 50;
    static final int MAX_SYMBOLS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(CodeSearchTools.class);
    private static final ObjectMapper SCHEMAS = new ObjectMapper();

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
                        schema(List.of("path"))
                                .property("force", "boolean", "Drop the existing index and rebuild it from scratch (default false)")
                                .property("dry_run", "boolean", "Write nothing; answer at once with the files, chunks "
                                        + "and tokens per language, the estimated indexing time and index size, and "
                                        + "warnings for likely mistakes with the ignore rule to add (default false)"),
                        this::index),
                tool("search_code", """
                        Search an indexed codebase (path), or several at once (paths), in natural language or code. \
                        Returns the best matching functions, methods and classes with file:line ranges and their \
                        code; across several codebases, files are named by their absolute paths.""",
                        searchSchema().paged(), this::search),
                tool("find_symbol", """
                        Find where a function, method, class or type is defined, by name: exact matches of the simple \
                        or qualified name (DateUtils.parseDate) first, then names that start with it, then near ones \
                        (a typo, or the letters in order). Each with kind, signature and file:line-range. Use it \
                        instead of search_code or grep when you know the name.""",
                        symbolSchema().paged(), this::findSymbol),
                tool("get_file_outline", """
                        List the definitions of one indexed file, nested (classes with their methods), with \
                        signatures and line ranges: what the file contains without reading it whole.""",
                        schema(List.of("path", "file"))
                                .property("file", "string", "The file, relative to the codebase root (e.g. src/main/App.java)")
                                .paged(), this::outline),
                tool("grep_code", """
                        Every line of an indexed codebase that matches a pattern exactly, as 'file:line:text' (like \
                        rg -n): use it for a string, a regular expression or text that is no identifier; for every \
                        use of an identifier grouped by function, find_references answers better.""",
                        grepSchema().paged(), this::grep),
                tool("find_references", """
                        Every line where an identifier occurs as a whole word (the lines rg -n -w finds), grouped by \
                        the function, method or class holding each line. code_only leaves out comments and strings. \
                        Use it to see all uses of a variable, constant, field or type before changing it.""",
                        refsSchema().paged(), this::refs),
                tool("get_callers", """
                        Who calls a function or method: every call site of the name, grouped by the calling \
                        definition, with the line; depth follows the callers' callers. Calls are resolved by name, \
                        so a name many classes define lists the calls of all of them.""",
                        callSchema().paged(), this::callers),
                tool("get_callees", """
                        What a function or method calls: each called name with what it is called on, its lines \
                        and the definitions it resolves to (a call on this: same class, then same file; on a \
                        project type: its members; on a variable: every definition of the name), or 'not defined \
                        in the index' for library calls; depth follows them further.""",
                        callSchema().paged(), this::callees),
                tool("get_repo_map", """
                        A map of what matters in the codebase: the files with the most referenced definitions and \
                        their signatures, most important first (PageRank over which file uses names another \
                        defines), within max_tokens. Call it first on an unknown codebase.""",
                        mapSchema(), this::map),
                tool("list_codebases", """
                        List the codebases this server has indexed and may search (absolute paths), for search_code's \
                        path or paths.""",
                        noArguments(), this::listCodebases),
                tool("get_indexing_status", """
                        Show whether a codebase is indexed (files, chunks, model, last run) and the progress of its \
                        latest indexing job.""",
                        schema(List.of("path")), this::status),
                tool("clear_index", "Delete the whole index of a codebase (the code itself is not touched).",
                        schema(List.of("path")), this::clear));
    }

    private static InputSchema searchSchema() {
        InputSchema s = schema(List.of("query"))
                .property("paths", "array", "Instead of path: the absolute paths of several indexed codebases, "
                        + "searched as one (list_codebases names them)")
                .property("rev", "string", "With path: a git revision (branch, tag or commit) of its repository "
                        + "that the server keeps indexed, searched instead of the checkout")
                .property("query", "string", "What to look for: a description or a piece of code")
                .property("limit", "integer", "Most results (default 10)");
        s.properties.withObjectProperty("limit").put("minimum", 1).put("maximum", MAX_LIMIT);
        s.property("languages", "array", "Only these languages, e.g. [\"java\", \"python\"]")
                .property("entity_types", "array", "Only these kinds: function, method, constructor, class, interface...")
                .property("path_glob", "string", "Only files matching this glob, e.g. src/**/*.java or *Test.java")
                .property("filter", "object", "A filter over chunk metadata (file_path, language, entity_type, "
                        + "entity_id, start_line, end_line), and-ed with the others: flat {\"language\": \"python\", "
                        + "\"entity_type\": [\"method\", \"function\"]} or structured {\"operator\": \"and\", "
                        + "\"conditions\": [{\"field\": \"start_line\", \"operator\": \"gte\", \"value\": 100}]}");
        s.properties.withObjectProperty("languages").putObject("items").put("type", "string");
        s.properties.withObjectProperty("entity_types").putObject("items").put("type", "string");
        s.properties.withObjectProperty("paths").putObject("items").put("type", "string");
        return s;
    }

    private static InputSchema symbolSchema() {
        InputSchema s = schema(List.of("path", "name"))
                .property("name", "string", "The name: simple (parseDate), qualified (DateUtils.parseDate) or its start")
                .property("kinds", "array", "Only these kinds: function, method, constructor, class, interface, "
                        + "enum, struct, trait, module, type")
                .property("languages", "array", "Only these languages, e.g. [\"java\", \"python\"]")
                .property("limit", "integer", "Most matches (default " + SymbolQuery.DEFAULT_LIMIT + ")");
        s.properties.with("limit").put("minimum", 1).put("maximum", MAX_SYMBOLS);
        s.properties.with("kinds").putObject("items").put("type", "string");
        s.properties.with("languages").putObject("items").put("type", "string");
        return s;
    }

    private static InputSchema grepSchema() {
        InputSchema s = schema(List.of("path", "pattern"))
                .property("pattern", "string", "A literal string, or with regex a Java regular expression")
                .property("regex", "boolean", "pattern is a regular expression (default false)")
                .property("ignore_case", "boolean", "Match case-insensitively (default false)")
                .property("word", "boolean", "Match whole words only (default false)")
                .property("context", "integer", "Lines shown before and after each match (default 0)")
                .property("max", "integer", "Most matching lines (default 200)")
                .property("path_glob", "string", "Only files matching this glob, e.g. src/**/*.java");
        s.properties.withObjectProperty("context").put("minimum", 0).put("maximum", 20);
        s.properties.withObjectProperty("max").put("minimum", 1).put("maximum", 5000);
        return s;
    }

    private static InputSchema refsSchema() {
        return schema(List.of("path", "name"))
                .property("name", "string", "The identifier, e.g. parseDate or RETRY_LIMIT")
                .property("code_only", "boolean", "Leave out lines where it occurs only in comments or strings "
                        + "(default false)")
                .property("path_glob", "string", "Only files matching this glob, e.g. src/**/*.java");
    }

    private static InputSchema callSchema() {
        InputSchema s = schema(List.of("path", "name"))
                .property("name", "string", "The function or method: simple (parseDate) or qualified (DateUtils.parseDate)")
                .property("depth", "integer", "Levels to follow (default 1)");
        s.properties.withObjectProperty("depth").put("minimum", 1).put("maximum", SymbolIndex.MAX_DEPTH);
        return s;
    }

    private static InputSchema mapSchema() {
        InputSchema s = schema(List.of("path"))
                .property("max_tokens", "integer", "The map's budget (default " + RepoMap.DEFAULT_TOKENS + ")");
        s.properties.withObjectProperty("max_tokens").put("minimum", RepoMap.MIN_TOKENS)
                .put("maximum", RepoMap.MAX_TOKENS);
        return s;
    }

    /** A tool's JSON schema, built as a tree: every tool takes the codebase's {@code path}. */
    private static InputSchema noArguments() {
        ObjectNode root = SCHEMAS.createObjectNode().put("type", "object");
        return new InputSchema(root, root.putObject("properties"), List.of());
    }

    private static InputSchema schema(List<String> required) {
        ObjectNode root = SCHEMAS.createObjectNode().put("type", "object");
        InputSchema s = new InputSchema(root, root.putObject("properties"), required);
        return s.property("path", "string", "Absolute path of the codebase's root directory");
    }

    private record InputSchema(ObjectNode root, ObjectNode properties, List<String> required) {
        InputSchema property(String name, String type, String description) {
            properties.putObject(name).put("type", type).put("description", description);
            return this;
        }

        /** Adds {@code max_tokens} and {@code offset}: the answer is cut to fit, and says how to get the rest. */
        InputSchema paged() {
            property("max_tokens", "integer", "Most tokens in the answer (default " + Paging.DEFAULT_MAX_TOKENS
                    + "); a longer answer is cut and says which offset gets the rest");
            property("offset", "integer", "Skip this many results or lines: the offset a cut answer names (default 0)");
            properties.withObjectProperty("max_tokens").put("minimum", Paging.MIN_MAX_TOKENS)
                    .put("maximum", Paging.MAX_MAX_TOKENS);
            properties.withObjectProperty("offset").put("minimum", 0);
            return this;
        }

        Set<String> names() {
            Set<String> names = new LinkedHashSet<>();
            properties.fieldNames().forEachRemaining(names::add);
            return names;
        }

        String json() {
            ObjectNode copy = root.deepCopy();
            required.forEach(copy.putArray("required")::add);
            return copy.put("additionalProperties", false).toString();
        }
    }

    private SyncToolSpecification tool(String name, String description, InputSchema schema,
                                       Function<ToolArguments, CallToolResult> handler) {
        Tool tool = Tool.builder().name(name).description(description).inputSchema(json, schema.json()).build();
        Set<String> known = schema.names();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> call(name, known, request, handler)).build();
    }

    private static CallToolResult call(String name, Set<String> known, CallToolRequest request,
                                       Function<ToolArguments, CallToolResult> handler) {
        try {
            return handler.apply(new ToolArguments(name, request.arguments(), known));
        } catch (RuntimeException e) {
            // The agent reads the message and can correct the call. Our own failures keep their details in the log:
            // their message may carry internals and would not tell the agent what to change.
            String message;
            if (e instanceof CallerError || e instanceof JobConflictException
                    || e instanceof IndexException) {
                LOG.info("tool {} refused: {}", name, e.getMessage());
                message = e.getMessage();
            } else if (e instanceof VectorStoreException || e instanceof EmbeddingException) {
                LOG.warn("tool {} failed", name, e);
                message = e.getMessage() + " (the store or the model is unavailable; try again later)";
            } else {
                LOG.error("tool {} failed", name, e);
                message = "the server failed to handle the call; its log (stderr) says why";
            }
            return error(message);
        }
    }

    /** An answer saying the call could not be done, and why. */
    private static CallToolResult error(String message) {
        return CallToolResult.builder().addTextContent("Error: " + message).isError(true).build();
    }

    private CallToolResult index(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        boolean force = args.bool("force", false);
        if (args.bool("dry_run", false)) {
            if (force) {
                throw new InvalidInputException("index_codebase: dry_run writes nothing, so it does not go with force");
            }
            return dryRun(service.dryRun(root));
        }
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
        List<String> paths = args.strings("paths", 50);
        String path = args.string("path", paths.isEmpty());
        if (path != null && !paths.isEmpty()) {
            throw new InvalidInputException("give path (one codebase) or paths (several), not both");
        }
        String rev = args.string("rev", false);
        if (rev != null && path == null) {
            throw new InvalidInputException("rev names a revision of one codebase: give it with path, not paths");
        }
        List<Path> roots = path != null ? List.of(service.root(path, rev))
                : paths.stream().map(service::root).distinct().toList();
        Path root = roots.getFirst();
        String query = args.string("query", true);
        String glob = args.string("path_glob", false);
        if (glob != null) {
            PathGlob.of(glob);
        }
        int offset = offset(args);
        SearchOptions options = SearchOptions.builder().topK(args.integer("limit", 10, 1, MAX_LIMIT) + offset)
                .languages(args.strings("languages", 50)).entityTypes(args.strings("entity_types", 50))
                .pathGlob(glob).filter(args.filter("filter")).build();
        List<SearchHit> hits;
        List<String> files;
        double coverage;
        String where;
        if (path != null) {
            hits = service.search(new SearchQuery(root, List.of(query), options, null)).getFirst();
            files = hits.stream().map(SearchHit::filePath).toList();
            coverage = service.denseCoverage(root);
            where = root.toString();
        } else {
            List<CodebaseHit> across = service.searchAcross(roots, List.of(query), options, null).getFirst();
            hits = across.stream().map(CodebaseHit::hit).toList();
            files = across.stream().map(h -> Path.of(h.codebase()).resolve(h.hit().filePath()).toString()).toList();
            coverage = service.denseCoverage(roots);
            where = roots.size() + " codebases";
        }
        String note = coverage < 1 ? Searcher.coverageNote(coverage) + "\n" : "";
        if (hits.isEmpty()) {
            return text(note + "No results for \"" + query + "\" in " + where
                    + ". Try other words, fewer filters, or check get_indexing_status.");
        }
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < hits.size(); i++) {
            blocks.add(block(i + 1, hits.get(i), files.get(i)));
        }
        CallToolResult.Builder result = CallToolResult.builder();
        Paging.page(note + hits.size() + " results for \"" + query + "\" in " + where + " (best first):", blocks, offset,
                maxTokens(args), "results").forEach(result::addTextContent);
        return result.build();
    }

    private CallToolResult findSymbol(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        SymbolQuery query = SymbolQuery.of(args.string("name", true), args.strings("kinds", 20),
                args.strings("languages", 20), args.integer("limit", SymbolQuery.DEFAULT_LIMIT, 1, MAX_SYMBOLS));
        SymbolLookup lookup = service.findSymbols(root, query);
        String lead = lookup.found() ? "Definitions matching " + lookup.query() + " in " + root
                + " (exact, then prefix, then near matches):\n" : "";
        return lines(lead + SymbolText.lookup(lookup), args);
    }

    private CallToolResult outline(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        FileOutline outline = service.outline(root, args.string("file", true));
        return lines(SymbolText.outline(outline), args);
    }

    /** A dry run as an agent reads it: the totals in a sentence, then the whole report as JSON. */
    private static CallToolResult dryRun(DryRun.Report r) {
        String lead = String.format(Locale.ROOT, "Indexing %s would embed %d chunks (%d tokens) of %d files: about %d s "
                + "in all, %d s of it embedding at %.1f chunks/s measured here, an index of about %.1f MB. Nothing "
                + "was written.%s", r.root(), r.chunks(), r.tokens(), r.files(), r.estimatedSeconds(),
                r.estimatedEmbeddingSeconds(), r.chunksPerSecond(),
                r.estimatedIndexBytes() / 1e6, r.warnings().isEmpty() ? "" : " " + r.warnings().size()
                        + " warning(s): see 'warnings' below before indexing.");
        try {
            return CallToolResult.builder().addTextContent(lead).addTextContent(SCHEMAS.writeValueAsString(r)).build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private CallToolResult grep(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        Grep.Options options = new Grep.Options(args.string("pattern", true), args.bool("regex", false),
                args.bool("ignore_case", false), args.bool("word", false), args.integer("context", 0, 0, 20),
                args.integer("max", 200, 1, 5000));
        Grep.Result r = service.grep(root, options, args.string("path_glob", false));
        StringBuilder text = new StringBuilder();
        r.matches().forEach(m -> m.printed().forEach(line -> text.append(line).append('\n')));
        String lead = r.matches().isEmpty() ? "No line of the " + r.filesSearched() + " indexed files matches."
                : r.matches().size() + " matching lines in " + r.filesSearched() + " files searched"
                + (r.truncated() ? " (cut at max=" + options.maxMatches() + "; narrow the pattern or path_glob, or "
                + "raise max)" : "") + ":";
        return lines(lead + (text.isEmpty() ? "" : "\n" + text), args);
    }

    private CallToolResult refs(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        Refs refs = service.refs(root, args.string("name", true), args.bool("code_only", false),
                args.string("path_glob", false), Grep.Options.MAX);
        return lines(SymbolText.refs(refs), args);
    }

    private CallToolResult callers(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        Callers callers = service.callers(root, args.string("name", true), args.integer("depth", 1, 1, SymbolIndex.MAX_DEPTH));
        return lines(SymbolText.callers(callers), args);
    }

    private CallToolResult callees(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        Callees callees = service.callees(root, args.string("name", true), args.integer("depth", 1, 1, SymbolIndex.MAX_DEPTH));
        return lines(SymbolText.callees(callees), args);
    }

    private CallToolResult map(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        RepoMap map = service.map(root, args.integer("max_tokens", RepoMap.DEFAULT_TOKENS, RepoMap.MIN_TOKENS,
                RepoMap.MAX_TOKENS));
        return text(SymbolText.map(map));
    }

    /** A text answer paged by lines: its first line always, then what fits of the rest. */
    private static CallToolResult lines(String answer, ToolArguments args) {
        List<String> all = answer.lines().toList();
        if (all.isEmpty()) {
            return text(answer);
        }
        return text(String.join("\n", Paging.page(all.getFirst(), all.subList(1, all.size()), offset(args),
                maxTokens(args), "lines")) + "\n");
    }

    private static int offset(ToolArguments args) {
        return args.integer("offset", 0, 0, Integer.MAX_VALUE);
    }

    private static int maxTokens(ToolArguments args) {
        return args.integer("max_tokens", Paging.DEFAULT_MAX_TOKENS, Paging.MIN_MAX_TOKENS, Paging.MAX_MAX_TOKENS);
    }

    /** One hit: where it is, what it is, and its code in a fenced block. */
    static String block(int rank, SearchHit h, String file) {
        String fence = h.content().contains("```") ? "~~~~" : "```";
        return rank + ". " + file + ":" + h.startLine() + "-" + h.endLine() + "  (" + h.language() + " "
                + h.entityType() + (h.entityId() == null || h.entityId().isEmpty() ? "" : " " + h.entityId())
                + ", score " + String.format(Locale.ROOT, "%.3f", h.score()) + matched(h) + ")\n"
                + fence + h.language() + "\n" + h.content() + (h.content().endsWith("\n") ? "" : "\n") + fence;
    }

    /** The part of a long entity that matched, when it is not the whole entity. */
    static String matched(SearchHit h) {
        return h.matchStartLine() == h.startLine() && h.matchEndLine() == h.endLine() ? ""
                : ", matched lines " + h.matchStartLine() + "-" + h.matchEndLine();
    }

    private CallToolResult listCodebases(ToolArguments args) {
        List<Path> all = service.indexedCodebases();
        if (all.isEmpty()) {
            return text("No codebase is indexed here yet. Index one with index_codebase.");
        }
        return text(all.size() + " indexed codebases:\n" + String.join("\n", all.stream().map(Path::toString).toList()));
    }

    private CallToolResult status(ToolArguments args) {
        Path root = service.root(args.string("path", true));
        IndexStatus s = service.status(root);
        IndexJob job = service.latestJob(root);
        if (s == null && job == null) {
            return error(root + " is not indexed; call index_codebase to index it.");
        }
        List<String> lines = new ArrayList<>();
        if (s == null) {
            lines.add(root + " is not indexed yet.");
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
        Path root = service.root(args.string("path", true));
        IndexStatus before = service.status(root);
        if (before == null) {
            return error(root + " has no index; nothing to clear.");
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
            case RUNNING -> {
                s.append(": ").append(j.filesDone()).append('/').append(j.filesTotal() == 0 ? "?" : j.filesTotal())
                        .append(" changed files, ").append(j.chunks()).append(" chunks read");
                if ("embedding".equals(j.phase())) {
                    s.append("; all are searchable lexically, embedding ").append(j.chunksEmbedded()).append('/')
                            .append(j.chunksToEmbed()).append(" chunks");
                }
                if (j.etaSeconds() >= 0) {
                    s.append(", about ").append(j.etaSeconds()).append(" s left");
                }
            }
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
