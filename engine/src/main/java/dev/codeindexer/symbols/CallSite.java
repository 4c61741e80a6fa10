package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A line of code that uses a name: a call site, or an occurrence of an identifier.
 *
 * @param filePath path relative to the codebase root
 * @param line     1-based
 * @param text     the line as it is on disk now, or empty when the file cannot be read
 */
public record CallSite(@JsonProperty("file") String filePath, int line, String text) {
}
