package dev.codeindexer.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What {@code status} reports of a codebase's index.
 *
 * @param chunks      rows counted in the store itself (not taken from the manifest)
 * @param files       files the manifest records as indexed
 * @param languages   files per language
 * @param lastIndexed ISO-8601 time of the last finished run, or null
 */
public record IndexStatus(String codebase, String collection, String store, String model,
                          @JsonProperty("chunker_version") String chunkerVersion, long files, long chunks,
                          Map<String, Long> languages, @JsonProperty("last_indexed") String lastIndexed,
                          @JsonProperty("index_dir") String indexDir) {
}
