package dev.codeindexer.server;

import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.store.SearchMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A search as a client of the HTTP API or the MCP server asks it: the CLI's {@code search} options, for one
 * codebase.
 *
 * @param root    the codebase's root (absolute, normalised)
 * @param queries one or more queries, each answered on its own
 * @param options the filters and the number of results
 * @param mode    hybrid, dense or lexical; null for the configured default
 */
public record SearchQuery(Path root, List<String> queries, SearchOptions options, SearchMode mode) {
    public SearchQuery {
        Objects.requireNonNull(root, "root");
        queries = List.copyOf(queries);
        Objects.requireNonNull(options, "options");
    }
}
