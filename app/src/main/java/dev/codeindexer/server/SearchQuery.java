package dev.codeindexer.server;

import dev.codeindexer.store.SearchMode;
import java.nio.file.Path;
import java.util.List;

/**
 * A search as a client of the HTTP API or the MCP server asks it: the CLI's {@code search} options, for one
 * codebase.
 *
 * @param root        the codebase's root (absolute, normalised)
 * @param queries     one or more queries, each answered on its own
 * @param topK        the most results per query
 * @param languages   keep only these languages; empty for all
 * @param entityTypes keep only these entity types; empty for all
 * @param pathGlob    keep only files matching this glob; null for all
 * @param fromLine    keep chunks overlapping lines {@code fromLine..toLine}; 0 for no limit
 * @param toLine      see {@code fromLine}
 * @param mode        hybrid, dense or lexical; null for the configured default
 */
public record SearchQuery(Path root, List<String> queries, int topK, List<String> languages, List<String> entityTypes,
                          String pathGlob, long fromLine, long toLine, SearchMode mode) {
    public SearchQuery {
        queries = List.copyOf(queries);
        languages = languages == null ? List.of() : List.copyOf(languages);
        entityTypes = entityTypes == null ? List.of() : List.copyOf(entityTypes);
    }
}
