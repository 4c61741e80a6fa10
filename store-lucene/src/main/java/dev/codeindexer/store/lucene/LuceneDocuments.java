package dev.codeindexer.store.lucene;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.StoredRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FloatPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.VectorUtil;

/**
 * Maps rows to Lucene documents and back. User field names are {@code [A-Za-z_][A-Za-z0-9_]*}, so the internal
 * fields, which contain {@code #}, can never collide with them.
 */
final class LuceneDocuments {
    static final String ID = CollectionSpec.ID_FIELD;
    static final String VECTOR = CollectionSpec.VECTOR_FIELD;
    /** The vector as given (the indexed one is normalised for cosine). */
    static final String RAW_VECTOR = "vector#raw";
    /** Suffix of the analysed copy of a TEXT field, for full-text search. */
    static final String TEXT_SUFFIX = "#text";

    private LuceneDocuments() {
    }

    static Document toDocument(CollectionSpec spec, StoredRow row) {
        Document doc = new Document();
        doc.add(new StringField(ID, row.id(), Field.Store.YES));
        if (row.vector() != null) { // a row without one is left out of the vector index, which costs most to build
            doc.add(new KnnFloatVectorField(VECTOR, indexedVector(spec.metric(), row.vector()), similarity(spec.metric())));
            doc.add(new StoredField(RAW_VECTOR, encode(row.vector())));
        }
        for (var field : spec.schema().entrySet()) {
            addField(doc, field.getKey(), field.getValue(), row.metadata().get(field.getKey()));
        }
        return doc;
    }

    private static void addField(Document doc, String name, FieldType type, Object value) {
        switch (type) {
            case STRING -> doc.add(new StringField(name, (String) value, Field.Store.YES));
            case TEXT -> {
                doc.add(new StoredField(name, (String) value));
                doc.add(new TextField(name + TEXT_SUFFIX, (String) value, Field.Store.NO));
            }
            case INT -> {
                doc.add(new LongPoint(name, (Long) value));
                doc.add(new StoredField(name, (Long) value));
            }
            case FLOAT -> {
                doc.add(new FloatPoint(name, (Float) value));
                doc.add(new StoredField(name, (Float) value));
            }
            case DOUBLE -> {
                doc.add(new DoublePoint(name, (Double) value));
                doc.add(new StoredField(name, (Double) value));
            }
            case BOOL -> doc.add(new StringField(name, value.toString(), Field.Store.YES));
            case STRING_ARRAY -> {
                for (Object v : (Collection<?>) value) {
                    doc.add(new StringField(name, (String) v, Field.Store.YES));
                }
            }
            case INT_ARRAY -> {
                for (Object v : (Collection<?>) value) {
                    doc.add(new LongPoint(name, (Long) v));
                    doc.add(new StoredField(name, (Long) v));
                }
            }
        }
    }

    /** The metadata fields in {@code wanted} (all when empty), typed as {@code Rows} normalises them. */
    static Map<String, Object> metadata(CollectionSpec spec, Document doc, Collection<String> wanted) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var field : spec.schema().entrySet()) {
            if (wanted.isEmpty() || wanted.contains(field.getKey())) {
                out.put(field.getKey(), read(doc.getFields(field.getKey()), field.getValue()));
            }
        }
        return out;
    }

    private static Object read(IndexableField[] fields, FieldType type) {
        return switch (type) {
            case STRING, TEXT -> fields[0].stringValue();
            case INT -> fields[0].numericValue().longValue();
            case FLOAT -> fields[0].numericValue().floatValue();
            case DOUBLE -> fields[0].numericValue().doubleValue();
            case BOOL -> Boolean.parseBoolean(fields[0].stringValue());
            case STRING_ARRAY -> {
                List<Object> values = new ArrayList<>(fields.length);
                for (IndexableField f : fields) {
                    values.add(f.stringValue());
                }
                yield List.copyOf(values);
            }
            case INT_ARRAY -> {
                List<Object> values = new ArrayList<>(fields.length);
                for (IndexableField f : fields) {
                    values.add(f.numericValue().longValue());
                }
                yield List.copyOf(values);
            }
        };
    }

    static float[] rawVector(Document doc) {
        BytesRef bytes = doc.getBinaryValue(RAW_VECTOR);
        if (bytes == null) {
            return null;
        }
        float[] v = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static byte[] encode(float[] v) {
        ByteBuffer buffer = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(v);
        return buffer.array();
    }

    /**
     * Cosine is indexed as the dot product of unit vectors: Lucene's own cosine function is deprecated and slower.
     * A zero vector stays zero (it has no direction; it scores 0 against everything).
     */
    static float[] indexedVector(DistanceMetric metric, float[] v) {
        if (metric != DistanceMetric.COSINE) {
            return v;
        }
        double norm = 0;
        for (float f : v) {
            norm += (double) f * f;
        }
        return norm == 0 ? v.clone() : VectorUtil.l2normalize(v.clone(), false);
    }

    static VectorSimilarityFunction similarity(DistanceMetric metric) {
        return switch (metric) {
            case COSINE -> VectorSimilarityFunction.DOT_PRODUCT;
            case EUCLIDEAN -> VectorSimilarityFunction.EUCLIDEAN;
            case DOT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
        };
    }

    /** Turns Lucene's non-negative score back into the metric's documented scale (see {@link DistanceMetric}). */
    static float score(DistanceMetric metric, float luceneScore) {
        return switch (metric) {
            case COSINE -> 2 * luceneScore - 1;
            case EUCLIDEAN -> luceneScore;
            case DOT -> luceneScore >= 1 ? luceneScore - 1 : 1 - 1 / luceneScore;
        };
    }
}
