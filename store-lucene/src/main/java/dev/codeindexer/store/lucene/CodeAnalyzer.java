package dev.codeindexer.store.lucene;

import org.apache.lucene.analysis.Analyzer;

/**
 * Analysis for source code: identifiers are kept whole and also split into their parts, so {@code parseHttpDate},
 * {@code parse_http_date} and "parse http date" all meet on {@code parse}, {@code http}, {@code date}
 * ({@link CodeTokenizer}). The same chain indexes and queries.
 */
public final class CodeAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new CodeTokenizer());
    }
}
