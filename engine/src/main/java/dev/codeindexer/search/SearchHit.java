package dev.codeindexer.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One search result, as the CLI, the HTTP API and the MCP server show it: a whole entity (a method from its doc
 * comment to its end, a class, a section), with the window of it that matched. {@code filePath} is relative to the
 * indexed root with {@code /} separators; lines are 1-based and inclusive; a higher score is a better match.
 *
 * @param startLine      first line of the entity
 * @param endLine        last line of the entity
 * @param matchStartLine first line of the part that matched (the chunk the store ranked), inside the entity
 * @param matchEndLine   last line of that part
 * @param content        the entity's code as the file has it now: whole, or for a long entity its signature (with
 *                       the start of its doc) and the matched part, the parts joined by a line {@value #GAP}
 * @param excerpts       the line ranges {@code content} shows, in order; empty when {@code content} is the stored
 *                       chunk (the file changed or is gone since it was indexed)
 */
public record SearchHit(@JsonProperty("file_path") String filePath,
                        @JsonProperty("start_line") long startLine,
                        @JsonProperty("end_line") long endLine,
                        @JsonProperty("match_start_line") long matchStartLine,
                        @JsonProperty("match_end_line") long matchEndLine,
                        String language,
                        @JsonProperty("entity_type") String entityType,
                        @JsonProperty("entity_id") String entityId,
                        float score,
                        @JsonProperty("chunk_id") String chunkId,
                        String content,
                        List<Excerpt> excerpts) {
    /** The line {@code content} has where an excerpt ends and the next begins. */
    public static final String GAP = "⋮";

    public SearchHit {
        excerpts = excerpts == null ? List.of() : List.copyOf(excerpts);
    }

    /** A range of the file's lines shown in {@code content}. */
    public record Excerpt(@JsonProperty("start_line") long startLine, @JsonProperty("end_line") long endLine) {
    }

    /** This hit with another score (re-ranking). */
    public SearchHit withScore(float newScore) {
        return new SearchHit(filePath, startLine, endLine, matchStartLine, matchEndLine, language, entityType, entityId,
                newScore, chunkId, content, excerpts);
    }

    /** This hit showing {@code newContent}, which holds {@code newExcerpts} of the file. */
    public SearchHit withContent(String newContent, List<Excerpt> newExcerpts) {
        return new SearchHit(filePath, startLine, endLine, matchStartLine, matchEndLine, language, entityType, entityId,
                score, chunkId, newContent, newExcerpts);
    }
}
