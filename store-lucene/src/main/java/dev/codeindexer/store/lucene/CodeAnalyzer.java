package dev.codeindexer.store.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Analysis for source code: identifiers are kept whole and also split into their parts, so {@code parseHttpDate},
 * {@code parse_http_date} and "parse http date" all meet on {@code parse}, {@code http}, {@code date}.
 */
public final class CodeAnalyzer extends Analyzer {
    private static final int FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE
            | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL;

    private final boolean indexing;

    /** @param indexing true for the index-time chain, which must flatten the token graph before it is written */
    public CodeAnalyzer(boolean indexing) {
        this.indexing = indexing;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        CharTokenizer tokenizer = CharTokenizer.fromTokenCharPredicate(c -> Character.isLetterOrDigit(c) || c == '_');
        TokenStream stream = new WordDelimiterGraphFilter(tokenizer, FLAGS, null);
        if (indexing) {
            stream = new FlattenGraphFilter(stream);
        }
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(stream));
    }
}
