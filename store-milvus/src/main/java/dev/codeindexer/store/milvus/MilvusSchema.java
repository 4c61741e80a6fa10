package dev.codeindexer.store.milvus;

import dev.codeindexer.config.MilvusConfig;
import dev.codeindexer.store.CodeTokens;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.Rows;
import dev.codeindexer.store.SchemaMismatchException;
import io.milvus.common.clientenum.FunctionType;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link CollectionSpec} becomes a Milvus collection: columns, the vector index from config, scalar indexes
 * on filterable fields, and (when the spec has {@link FieldType#TEXT} fields) a BM25 function for lexical search.
 *
 * <p>Milvus analyses text on the server, so the lexical column holds {@link CodeTokens#expand} of every TEXT field
 * rather than the raw text: the standard analyzer (the one tokenizer every Milvus build has; Milvus Lite lacks
 * "whitespace") then sees the same code-aware terms (camelCase and snake_case parts) that the Lucene store
 * indexes, and both stores match the same queries.
 */
final class MilvusSchema {
    /** Hidden column with the code-aware tokens of every TEXT field; input of the BM25 function. */
    static final String LEXICAL_FIELD = "ci_lexical";
    /** Hidden sparse vector column the BM25 function fills. */
    static final String SPARSE_FIELD = "ci_sparse";
    /** Collection property holding the spec as JSON, so that describe returns exactly what was created. */
    static final String SPEC_PROPERTY = "code_indexer.spec";

    /** Milvus VARCHAR lengths are in bytes; ids are limited in characters, so leave room for 4-byte UTF-8. */
    private static final int ID_MAX_BYTES = Rows.MAX_ID_LENGTH * 4;
    private static final int VARCHAR_MAX_BYTES = 65_535;

    private MilvusSchema() {
    }

    static boolean hasText(CollectionSpec spec) {
        return spec.schema().containsValue(FieldType.TEXT);
    }

    /** Rejects specs Milvus cannot hold as asked, before anything is created. */
    static void check(CollectionSpec spec, MilvusConfig config) {
        for (String hidden : List.of(LEXICAL_FIELD, SPARSE_FIELD)) {
            if (spec.schema().containsKey(hidden)) {
                throw new SchemaMismatchException("field name '" + hidden + "' is reserved by the Milvus store; rename it");
            }
        }
        String key = config.partitionKey();
        if (key != null && !key.isBlank()) {
            FieldType type = spec.schema().get(key);
            if (type != FieldType.STRING && type != FieldType.INT) {
                throw new SchemaMismatchException("vector_store.milvus.partition_key '" + key + "' must name a string or int "
                        + "field of collection '" + spec.name() + "'; its fields are " + spec.schema());
            }
        }
    }

    static CreateCollectionReq.CollectionSchema schema(CollectionSpec spec, MilvusConfig config) {
        CreateCollectionReq.CollectionSchema schema = CreateCollectionReq.CollectionSchema.builder()
                .enableDynamicField(false).build();
        schema.addField(AddFieldReq.builder().fieldName(CollectionSpec.ID_FIELD).dataType(DataType.VarChar)
                .maxLength(ID_MAX_BYTES).isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName(CollectionSpec.VECTOR_FIELD).dataType(DataType.FloatVector)
                .dimension(spec.dimension()).build());
        String partitionKey = config.partitionKey();
        spec.schema().forEach((name, type) -> schema.addField(column(name, type, name.equals(partitionKey))));
        if (hasText(spec)) {
            schema.addField(AddFieldReq.builder().fieldName(LEXICAL_FIELD).dataType(DataType.VarChar)
                    .maxLength(VARCHAR_MAX_BYTES).enableAnalyzer(true).build());
            schema.addField(AddFieldReq.builder().fieldName(SPARSE_FIELD).dataType(DataType.SparseFloatVector).build());
            schema.addFunction(CreateCollectionReq.Function.builder().name("ci_bm25").functionType(FunctionType.BM25)
                    .inputFieldNames(List.of(LEXICAL_FIELD)).outputFieldNames(List.of(SPARSE_FIELD)).build());
        }
        return schema;
    }

    private static AddFieldReq column(String name, FieldType type, boolean partitionKey) {
        var field = AddFieldReq.builder().fieldName(name).isPartitionKey(partitionKey);
        return switch (type) {
            case STRING -> field.dataType(DataType.VarChar).maxLength(FieldType.MAX_STRING_BYTES).build();
            case TEXT -> field.dataType(DataType.VarChar).maxLength(FieldType.MAX_TEXT_BYTES).build();
            case INT -> field.dataType(DataType.Int64).build();
            case FLOAT -> field.dataType(DataType.Float).build();
            case DOUBLE -> field.dataType(DataType.Double).build();
            case BOOL -> field.dataType(DataType.Bool).build();
            case STRING_ARRAY -> field.dataType(DataType.Array).elementType(DataType.VarChar)
                    .maxCapacity(FieldType.MAX_ARRAY_ELEMENTS).maxLength(FieldType.MAX_STRING_BYTES).build();
            case INT_ARRAY -> field.dataType(DataType.Array).elementType(DataType.Int64)
                    .maxCapacity(FieldType.MAX_ARRAY_ELEMENTS).build();
        };
    }

    /**
     * The vector index from config, an INVERTED index on every scalar field a filter can use, and the BM25 index.
     * Array fields get no scalar index: Milvus Lite cannot build one, and array filters work without it.
     */
    static List<IndexParam> indexes(CollectionSpec spec, MilvusConfig config) {
        List<IndexParam> indexes = new ArrayList<>();
        indexes.add(IndexParam.builder().fieldName(CollectionSpec.VECTOR_FIELD).indexName(CollectionSpec.VECTOR_FIELD)
                .indexType(IndexParam.IndexType.valueOf(config.indexType())).metricType(metric(spec.metric()))
                .extraParams(new LinkedHashMap<>(config.indexParams())).build());
        spec.schema().forEach((name, type) -> {
            if (type != FieldType.TEXT && !type.isArray()) {
                indexes.add(IndexParam.builder().fieldName(name).indexName(name)
                        .indexType(IndexParam.IndexType.INVERTED).build());
            }
        });
        if (hasText(spec)) {
            indexes.add(IndexParam.builder().fieldName(SPARSE_FIELD).indexName(SPARSE_FIELD)
                    .indexType(IndexParam.IndexType.SPARSE_INVERTED_INDEX).metricType(IndexParam.MetricType.BM25)
                    .extraParams(Map.of("bm25_k1", 1.2, "bm25_b", 0.75)).build());
        }
        return indexes;
    }

    static IndexParam.MetricType metric(DistanceMetric metric) {
        return switch (metric) {
            case COSINE -> IndexParam.MetricType.COSINE;
            case EUCLIDEAN -> IndexParam.MetricType.L2;
            case DOT -> IndexParam.MetricType.IP;
        };
    }

    /**
     * A Milvus distance as our score (higher is more similar): COSINE and IP are similarities already; L2 comes
     * back as the squared distance, which {@link DistanceMetric#EUCLIDEAN} maps to {@code 1 / (1 + d²)}.
     */
    static float score(DistanceMetric metric, float distance) {
        return switch (metric) {
            case COSINE, DOT -> distance;
            case EUCLIDEAN -> (float) (1.0 / (1.0 + distance));
        };
    }

    /** The text of the hidden lexical column: code tokens of every TEXT field, cut to what a VARCHAR holds. */
    static String lexicalText(CollectionSpec spec, Map<String, Object> metadata) {
        StringBuilder all = new StringBuilder();
        spec.schema().forEach((name, type) -> {
            if (type == FieldType.TEXT) {
                all.append(CodeTokens.expand((String) metadata.get(name))).append(' ');
            }
        });
        return truncateUtf8(all.toString().strip(), VARCHAR_MAX_BYTES);
    }

    /** Cuts at a token boundary so that no half term is indexed; the tail of a huge chunk weighs little in BM25. */
    static String truncateUtf8(String s, int maxBytes) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && bytes[end] != ' ') {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
