package dev.codeindexer.store.lucene;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.FieldType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A BM25 query over every TEXT field of a collection: the query text is analysed like the indexed code (so
 * {@code parseHttpDate} also finds "parse", "http", "date") and each term is an optional clause; the text is never
 * parsed as query syntax, so any characters are safe.
 */
final class LexicalQuery {
    private static final Analyzer ANALYZER = new CodeAnalyzer();
    /** BooleanQuery's own clause limit is 1024; a pasted file must not exceed it. */
    private static final int MAX_TERMS = 256;

    private LexicalQuery() {
    }

    /** The query, or null when the text has no searchable term. */
    static Query build(CollectionSpec spec, String text) {
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        for (var field : spec.schema().entrySet()) {
            if (field.getValue() != FieldType.TEXT) {
                continue;
            }
            for (String term : terms) {
                if (clauses++ < IndexSearcher.getMaxClauseCount()) {
                    b.add(new TermQuery(new Term(field.getKey() + LuceneDocuments.TEXT_SUFFIX, term)), BooleanClause.Occur.SHOULD);
                }
            }
        }
        return clauses == 0 ? null : b.build();
    }

    static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = ANALYZER.tokenStream("q", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < MAX_TERMS) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a query string cannot fail", e);
        }
        return terms;
    }
}
