package dev.codeindexer.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One search result, as the CLI, the HTTP API and the MCP server show it. {@code filePath} is relative to the
 * indexed root with {@code /} separators; lines are 1-based and inclusive; a higher score is a better match.
 */
public record SearchHit(@JsonProperty("file_path") String filePath,
                        @JsonProperty("start_line") long startLine,
                        @JsonProperty("end_line") long endLine,
                        String language,
                        @JsonProperty("entity_type") String entityType,
                        @JsonProperty("entity_id") String entityId,
                        float score,
                        @JsonProperty("chunk_id") String chunkId,
                        String content) {
}
