package dev.codeindexer.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.codeindexer.search.SearchHit;

/**
 * One evaluation query and its answer: the entity a correct search returns. A hit answers the query when it is in
 * the same file and its lines overlap the answer's (so a window of a long method counts, an overload elsewhere in
 * the file does not). A hand-written query may leave the lines out (0): then the file and, if given, the entity
 * id decide.
 */
public record EvalQuery(String query, String corpus, String language,
                        @JsonProperty("file_path") String filePath,
                        @JsonProperty("entity_id") String entityId,
                        @JsonProperty("start_line") long startLine,
                        @JsonProperty("end_line") long endLine) {

    public boolean answeredBy(SearchHit hit) {
        if (!filePath.equals(hit.filePath())) {
            return false;
        }
        if (startLine > 0) {
            return hit.startLine() <= endLine && hit.endLine() >= startLine;
        }
        return entityId == null || entityId.isEmpty() || entityId.equals(hit.entityId());
    }
}
