package dev.codeindexer.store.lucene;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.FilterValidator;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.FloatPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates a portable {@link Filter} into a Lucene {@link Query} object: values are never parsed from a query
 * string, so no value can change a query's structure. The filter is validated against the schema first, so every
 * field exists and every value has its field's type.
 */
final class LuceneFilterTranslator {
    private LuceneFilterTranslator() {
    }

    /** The query for {@code filter}, or match-all when it is null. */
    static Query toQuery(Filter filter, CollectionSpec spec) {
        if (filter == null) {
            return new MatchAllDocsQuery();
        }
        FilterValidator.validate(filter, spec.schema(), spec.name());
        return translate(filter, spec);
    }

    private static Query translate(Filter filter, CollectionSpec spec) {
        return switch (filter) {
            case Filter.Eq(String field, Object value) -> anyOf(field, spec.schema().get(field), List.of(value));
            case Filter.Ne(String field, Object value) -> not(anyOf(field, spec.schema().get(field), List.of(value)));
            case Filter.In(String field, List<Object> values) -> anyOf(field, spec.schema().get(field), values);
            case Filter.Range r -> range(r, spec.schema().get(r.field()));
            case Filter.And(List<Filter> filters) -> combine(filters, spec, Occur.FILTER);
            case Filter.Or(List<Filter> filters) -> combine(filters, spec, Occur.SHOULD);
            case Filter.Not(Filter inner) -> not(translate(inner, spec));
        };
    }

    private static Query combine(List<Filter> filters, CollectionSpec spec, Occur occur) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        filters.forEach(f -> b.add(translate(f, spec), occur));
        if (occur == Occur.SHOULD) {
            b.setMinimumNumberShouldMatch(1);
        }
        return b.build();
    }

    private static Query not(Query q) {
        return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.FILTER).add(q, Occur.MUST_NOT).build();
    }

    private static Query anyOf(String field, FieldType type, List<Object> values) {
        return switch (type) {
            case STRING, STRING_ARRAY, BOOL -> values.size() == 1
                    ? new TermQuery(new Term(field, values.getFirst().toString()))
                    : new TermInSetQuery(field, values.stream().map(v -> new BytesRef(v.toString())).toList());
            case INT, INT_ARRAY -> LongPoint.newSetQuery(field, values.stream().mapToLong(v -> (Long) v).toArray());
            case FLOAT -> {
                float[] floats = new float[values.size()];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = ((Number) values.get(i)).floatValue();
                }
                yield FloatPoint.newSetQuery(field, floats);
            }
            case DOUBLE -> DoublePoint.newSetQuery(field, values.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray());
            case TEXT -> throw new IllegalStateException("validated filters never reach a TEXT field");
        };
    }

    private static Query range(Filter.Range r, FieldType type) {
        return switch (type) {
            case INT -> longRange(r);
            case FLOAT -> floatRange(r);
            case DOUBLE -> doubleRange(r);
            case STRING -> TermRangeQuery.newStringRange(r.field(), (String) r.lower(), (String) r.upper(),
                    r.lowerInclusive(), r.upperInclusive());
            default -> throw new IllegalStateException("validated ranges never reach a " + type + " field");
        };
    }

    private static Query longRange(Filter.Range r) {
        long lo = Long.MIN_VALUE;
        long hi = Long.MAX_VALUE;
        if (r.lower() != null) {
            lo = (Long) r.lower();
            if (!r.lowerInclusive()) {
                if (lo == Long.MAX_VALUE) {
                    return new MatchNoDocsQuery("empty range");
                }
                lo++;
            }
        }
        if (r.upper() != null) {
            hi = (Long) r.upper();
            if (!r.upperInclusive()) {
                if (hi == Long.MIN_VALUE) {
                    return new MatchNoDocsQuery("empty range");
                }
                hi--;
            }
        }
        return LongPoint.newRangeQuery(r.field(), lo, hi);
    }

    private static Query floatRange(Filter.Range r) {
        float lo = Float.NEGATIVE_INFINITY;
        float hi = Float.POSITIVE_INFINITY;
        if (r.lower() != null) {
            lo = ((Number) r.lower()).floatValue();
            lo = r.lowerInclusive() ? lo : Math.nextUp(lo);
        }
        if (r.upper() != null) {
            hi = ((Number) r.upper()).floatValue();
            hi = r.upperInclusive() ? hi : Math.nextDown(hi);
        }
        return FloatPoint.newRangeQuery(r.field(), lo, hi);
    }

    private static Query doubleRange(Filter.Range r) {
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        if (r.lower() != null) {
            lo = ((Number) r.lower()).doubleValue();
            lo = r.lowerInclusive() ? lo : Math.nextUp(lo);
        }
        if (r.upper() != null) {
            hi = ((Number) r.upper()).doubleValue();
            hi = r.upperInclusive() ? hi : Math.nextDown(hi);
        }
        return DoublePoint.newRangeQuery(r.field(), lo, hi);
    }
}
