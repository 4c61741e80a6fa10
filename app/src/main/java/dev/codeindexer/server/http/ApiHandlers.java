package dev.codeindexer.server.http;

import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.grep.Grep;
import dev.codeindexer.index.IndexStatus;
import dev.codeindexer.index.NotIndexedException;
import dev.codeindexer.search.PathGlob;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.server.IndexJob;
import dev.codeindexer.server.IndexService;
import dev.codeindexer.server.SearchQuery;
import dev.codeindexer.store.SearchMode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindexer.symbols.FileOutline;
import dev.codeindexer.symbols.Refs;
import dev.codeindexer.symbols.RepoMap;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolLookup;
import dev.codeindexer.symbols.SymbolQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /api} endpoints: each reads and checks its input, calls {@link IndexService} once and shapes the answer. */
final class ApiHandlers {
    static final int MAX_QUERIES = 32;
    static final int MAX_QUERY_CHARS = 4096;
    static final int MAX_TOP_K = 100;
    static final int MAX_FILTER_VALUES = 50;
    private static final Set<String> SEARCH_FIELDS = Set.of("path", "rev", "paths", "query", "queries", "top_k", "languages",
            "entity_types", "path_glob", "lines", "mode", "filter");
    /** The most codebases one search may name. */
    static final int MAX_PATHS = 50;

    private final IndexService service;

    ApiHandlers(IndexService service) {
        this.service = service;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/api/search", true, this::search),
                new Route("GET", "/api/symbols", true, this::symbols),
                new Route("GET", "/api/outline", true, this::outline),
                new Route("POST", "/api/grep", true, this::grep),
                new Route("GET", "/api/refs", true, this::refs),
                new Route("GET", "/api/callers", true, this::callers),
                new Route("GET", "/api/callees", true, this::callees),
                new Route("GET", "/api/map", true, this::map),
                new Route("POST", "/api/index", true, this::index),
                new Route("DELETE", "/api/index", true, this::delete),
                new Route("GET", "/api/jobs", true, this::jobs),
                new Route("GET", "/api/jobs/{id}", true, this::job),
                new Route("GET", "/api/status", true, this::status),
                new Route("GET", "/api/collections", true, this::collections),
                new Route("GET", "/api/codebases", true, this::codebases));
    }

    private Response search(Request request) {
        JsonBody body = request.json().only(SEARCH_FIELDS);
        List<String> paths = body.strings("paths", MAX_PATHS);
        if (!paths.isEmpty() && body.string("path", false) != null) {
            throw ApiException.badRequest("give 'path' (one codebase) or 'paths' (several), not both");
        }
        String rev = body.string("rev", false);
        if (rev != null && !paths.isEmpty()) {
            throw ApiException.badRequest("'rev' names a revision of one codebase: give it with 'path', not 'paths'");
        }
        List<Path> roots = paths.isEmpty() ? List.of(service.root(body.string("path", true), rev))
                : paths.stream().map(service::root).distinct().toList();
        Path root = roots.getFirst();
        List<String> queries = queries(body);
        long[] range = lines(body.string("lines", false));
        String glob = body.string("path_glob", false);
        if (glob != null) {
            try {
                PathGlob.of(glob); // checked here, so a bad glob is a 400 even before anything is indexed
            } catch (InvalidInputException e) {
                throw ApiException.badRequest("field 'path_glob' is not a valid glob: '" + glob + "'");
            }
        }
        SearchMode mode = null;
        if (body.has("mode")) {
            String m = body.string("mode", false);
            try {
                mode = SearchMode.parse(m);
            } catch (InvalidInputException e) {
                throw ApiException.badRequest("field 'mode' must be hybrid, dense or lexical, got '" + m + "'");
            }
        }
        SearchOptions options = SearchOptions.builder().topK(body.integer("top_k", 10, 1, MAX_TOP_K))
                .languages(body.strings("languages", MAX_FILTER_VALUES))
                .entityTypes(body.strings("entity_types", MAX_FILTER_VALUES)).pathGlob(glob).lines(range[0], range[1])
                .filter(body.filter("filter")).build();
        if (!paths.isEmpty()) {
            return searchAcross(roots, queries, options, mode);
        }
        SearchQuery query = new SearchQuery(root, queries, options, mode);
        List<Map<String, Object>> perQuery = perQuery(queries, service.search(query));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codebase", root.toString());
        if (query.mode() != SearchMode.LEXICAL) {
            out.put("dense_coverage", service.denseCoverage(root));
        }
        out.put("queries", perQuery);
        return Response.ok(out);
    }

    /** Each query beside its hits, in the order asked. */
    private static List<Map<String, Object>> perQuery(List<String> queries, List<? extends List<?>> results) {
        List<Map<String, Object>> perQuery = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("query", queries.get(i));
            q.put("results", results.get(i));
            perQuery.add(q);
        }
        return perQuery;
    }

    /** A search of several codebases: one ranking per query, each hit with its {@code codebase}. */
    private Response searchAcross(List<Path> roots, List<String> queries, SearchOptions options, SearchMode mode) {
        List<Map<String, Object>> perQuery = perQuery(queries, service.searchAcross(roots, queries, options, mode));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codebases", roots.stream().map(Path::toString).toList());
        if (mode != SearchMode.LEXICAL) {
            out.put("dense_coverage", service.denseCoverage(roots));
        }
        out.put("queries", perQuery);
        return Response.ok(out);
    }

    /** The codebases this server can search: indexed where it looks, inside {@code server.roots}. */
    private Response codebases(Request request) {
        request.onlyQuery();
        return Response.ok(Map.of("codebases", service.indexedCodebases().stream().map(Path::toString).toList()));
    }

    private Response symbols(Request request) {
        request.onlyQuery("path", "name", "kind", "lang", "limit");
        Path root = service.root(request.query("path"));
        String name = request.query("name");
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("query parameter 'name' is required: a name (parseDate), a qualified one "
                    + "(DateUtils.parseDate) or its start");
        }
        SymbolQuery query = SymbolQuery.of(name, list(request.query("kind")), list(request.query("lang")),
                integer(request, "limit", SymbolQuery.DEFAULT_LIMIT, 1, SymbolQuery.MAX_LIMIT));
        SymbolLookup lookup = service.findSymbols(root, query);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codebase", root.toString());
        out.put("query", lookup.query());
        out.put("found", lookup.found());
        out.put("total", lookup.total());
        out.put("truncated", lookup.truncated());
        out.put("matches", lookup.matches());
        return Response.ok(out);
    }

    private Response grep(Request request) {
        JsonBody body = request.json().only(Set.of("path", "pattern", "regex", "ignore_case", "word", "context", "max",
                "path_glob"));
        Path root = service.root(body.string("path", true));
        Grep.Options options = new Grep.Options(body.string("pattern", true), body.bool("regex", false),
                body.bool("ignore_case", false), body.bool("word", false), body.integer("context", 0, 0, 100),
                body.integer("max", 1000, 1, Grep.Options.MAX));
        return Response.ok(service.grep(root, options, body.string("path_glob", false)));
    }

    private Response refs(Request request) {
        request.onlyQuery("path", "name", "code_only", "path_glob", "max");
        Path root = service.root(request.query("path"));
        String name = required(request, "name", "an identifier (parseDate, RETRY_LIMIT)");
        boolean codeOnly = flag(request, "code_only");
        int max = integer(request, "max", Refs.DEFAULT_LIMIT, 1, Grep.Options.MAX);
        return withCodebase(root, service.refs(root, name, codeOnly, request.query("path_glob"), max));
    }

    private Response callers(Request request) {
        request.onlyQuery("path", "name", "depth");
        Path root = service.root(request.query("path"));
        String name = required(request, "name", "a name (parseDate) or a qualified one (DateUtils.parseDate)");
        return withCodebase(root, service.callers(root, name, integer(request, "depth", 1, 1, SymbolIndex.MAX_DEPTH)));
    }

    private Response callees(Request request) {
        request.onlyQuery("path", "name", "depth");
        Path root = service.root(request.query("path"));
        String name = required(request, "name", "a name (parseDate) or a qualified one (DateUtils.parseDate)");
        return withCodebase(root, service.callees(root, name, integer(request, "depth", 1, 1, SymbolIndex.MAX_DEPTH)));
    }

    private Response map(Request request) {
        request.onlyQuery("path", "tokens");
        Path root = service.root(request.query("path"));
        return withCodebase(root, service.map(root, integer(request, "tokens", RepoMap.DEFAULT_TOKENS,
                RepoMap.MIN_TOKENS, RepoMap.MAX_TOKENS)));
    }

    /** The answer's fields after {@code "codebase"}. */
    private static Response withCodebase(Path root, Object answer) {
        ObjectNode out = Json.MAPPER.createObjectNode().put("codebase", root.toString());
        out.setAll((ObjectNode) Json.MAPPER.valueToTree(answer));
        return Response.ok(out);
    }

    private static String required(Request request, String name, String what) {
        String value = request.query(name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required: " + what);
        }
        return value;
    }

    private static boolean flag(Request request, String name) {
        String value = request.query(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw ApiException.badRequest("query parameter '" + name + "' is true or false, got '" + value + "'");
    }

    private static int integer(Request request, String name, int defaultValue, int min, int max) {
        String value = request.query(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below, as a value out of range is
        }
        throw ApiException.badRequest("query parameter '" + name + "' must be a whole number from " + min + " to "
                + max + ", got '" + value + "'");
    }

    private Response outline(Request request) {
        request.onlyQuery("path", "file");
        Path root = service.root(request.query("path"));
        String file = request.query("file");
        if (file == null || file.isBlank()) {
            throw ApiException.badRequest("query parameter 'file' is required: a path relative to the codebase root");
        }
        FileOutline outline = service.outline(root, file);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codebase", root.toString());
        out.put("file", outline.file());
        out.put("count", outline.count());
        out.put("symbols", outline.symbols());
        return Response.ok(out);
    }

    /** A comma-separated query parameter as a list; empty when absent. */
    private static List<String> list(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }


    /** {@code A-B}, {@code A-} or {@code -B} as [from, to] (0 meaning open); [0, 0] when absent. */
    private static long[] lines(String spec) {
        if (spec == null) {
            return new long[] {0, 0};
        }
        ApiException invalid = ApiException.badRequest("field 'lines' takes A-B with 1 <= A <= B (e.g. 100-200, "
                + "100- or -200), got '" + spec + "'");
        long[] range;
        try {
            range = SearchOptions.parseLines(spec);
        } catch (InvalidInputException e) {
            invalid.initCause(e);
            throw invalid;
        }
        if (range[0] < 1 || (range[1] > 0 && range[0] > range[1])) {
            throw invalid;
        }
        return range;
    }

    private static List<String> queries(JsonBody body) {
        if (body.has("query") == body.has("queries")) {
            throw ApiException.badRequest("give exactly one of 'query' (a string) or 'queries' (an array of strings)");
        }
        List<String> queries = body.has("query") ? List.of(body.string("query", true))
                : body.strings("queries", MAX_QUERIES);
        if (queries.isEmpty()) {
            throw ApiException.badRequest("'queries' is empty; give at least one query");
        }
        for (String q : queries) {
            if (q.isBlank()) {
                throw ApiException.badRequest("a query is empty; give some words or code to search for");
            }
            if (q.length() > MAX_QUERY_CHARS) {
                throw ApiException.badRequest("a query is " + q.length() + " characters long; at most " + MAX_QUERY_CHARS);
            }
        }
        return queries;
    }

    private Response index(Request request) {
        JsonBody body = request.json().only(Set.of("path", "full", "dry_run"));
        Path root = service.root(body.string("path", true));
        if (body.bool("dry_run", false)) {
            if (body.bool("full", false)) {
                throw ApiException.badRequest("'dry_run' writes nothing, so it does not go with 'full'");
            }
            return Response.json(200, service.dryRun(root));
        }
        IndexJob job = service.startIndex(root, body.bool("full", false));
        return Response.json(202, job.status()).withHeader("Location", "/api/jobs/" + job.id());
    }

    private Response delete(Request request) {
        request.onlyQuery("path", "file", "all");
        Path root = service.root(request.query("path"));
        String file = request.query("file");
        boolean all = "true".equals(request.query("all"));
        if (request.query("all") != null && !all) {
            throw ApiException.badRequest("'all' must be true when given, got '" + request.query("all") + "'");
        }
        if ((file != null) == all) {
            throw ApiException.badRequest("give exactly one of 'file' (a path relative to the codebase root) or 'all=true'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codebase", root.toString());
        if (all) {
            service.deleteAll(root);
            out.put("deleted", "all");
        } else {
            if (file.isBlank() || Path.of(file).isAbsolute()) {
                throw ApiException.badRequest("'file' must be a path relative to the codebase root, got '" + file + "'");
            }
            out.put("file", file);
            out.put("deleted_chunks", service.deleteFile(root, file));
        }
        return Response.ok(out);
    }

    private Response jobs(Request request) {
        request.onlyQuery();
        return Response.ok(Map.of("jobs", service.jobs().stream().map(IndexJob::status).toList()));
    }

    private Response job(Request request) {
        request.onlyQuery();
        return Response.ok(service.job(request.param("id")).status());
    }

    private Response status(Request request) {
        request.onlyQuery("path");
        Path root = service.root(request.query("path"));
        IndexStatus status = service.status(root);
        IndexJob job = service.latestJob(root);
        if (status == null && job == null) {
            throw new NotIndexedException(root);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("codebase", root.toString());
        out.put("indexed", status != null);
        out.put("index", status);
        out.put("job", job == null ? null : job.status());
        return Response.ok(out);
    }

    private Response collections(Request request) {
        request.onlyQuery("path");
        Path root = service.root(request.query("path"));
        return Response.ok(Map.of("collections", service.collections(root)));
    }
}
