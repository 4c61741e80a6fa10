package dev.codeindexer.store.milvus;

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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link CollectionSpec} becomes a Milvus collection: columns, the vector index from config, scalar indexes
 * on filterable fields, and (when the spec has {@link FieldType#TEXT} fields) a BM25 function for lexical search.
 *
 * <p>Milvus analyses text on the server, so a lexical column holds {@link CodeTokens#expand} of a TEXT field rather
 * than the raw text: the standard analyzer (the one tokenizer every Milvus build has; Milvus Lite lacks
 * "whitespace") then sees the same code-aware terms (camelCase and snake_case parts) that the Lucene store
 * indexes. Each TEXT field gets its own lexical column and BM25 function, so that, as in Lucene, a term in a short
 * field (a chunk's header: path, entity name) is not drowned by the length of a long one (its code).
 */
final class MilvusSchema {
    /** Prefix of the hidden column with the code-aware tokens of one TEXT field; input of its BM25 function. */
    static final String LEXICAL_PREFIX = "ci_lexical_";
    /** Prefix of the hidden sparse vector column that a TEXT field's BM25 function fills. */
    static final String SPARSE_PREFIX = "ci_sparse_";
    /**
     * The one lexical column (and its sparse column) over all TEXT fields together, in collections created before
     * the columns were split; they are still read and written that way.
     */
    static final String LEGACY_LEXICAL_FIELD = "ci_lexical";
    static final String LEGACY_SPARSE_FIELD = "ci_sparse";
    /** Collection property holding the spec as JSON, so that describe returns exactly what was created. */
    static final String SPEC_PROPERTY = "code_indexer.spec";

    /** Milvus VARCHAR lengths are in bytes; ids are limited in characters, so leave room for 4-byte UTF-8. */
    private static final int ID_MAX_BYTES = Rows.MAX_ID_LENGTH * 4;
    private static final int VARCHAR_MAX_BYTES = 65_535;

    private MilvusSchema() {
    }

    /**
     * A hidden pair of columns for BM25: the code tokens of the {@code sources} TEXT fields in {@code text}, and the
     * sparse vector Milvus derives from them in {@code sparse}.
     */
    record LexicalColumn(String text, String sparse, List<String> sources) {
        String function() {
            return "ci_bm25" + text.substring(LEGACY_LEXICAL_FIELD.length());
        }
    }

    /** The lexical columns of a new collection: one per TEXT field. */
    static List<LexicalColumn> lexicalColumns(CollectionSpec spec) {
        List<LexicalColumn> columns = new ArrayList<>();
        spec.schema().forEach((name, type) -> {
            if (type == FieldType.TEXT) {
                columns.add(new LexicalColumn(LEXICAL_PREFIX + name, SPARSE_PREFIX + name, List.of(name)));
            }
        });
        return List.copyOf(columns);
    }

    /** The lexical columns of a collection that exists on the server with the columns {@code serverFields}. */
    static List<LexicalColumn> lexicalColumns(CollectionSpec spec, Collection<String> serverFields) {
        if (!serverFields.contains(LEGACY_LEXICAL_FIELD)) {
            return lexicalColumns(spec);
        }
        List<String> text = spec.schema().entrySet().stream().filter(e -> e.getValue() == FieldType.TEXT)
                .map(Map.Entry::getKey).toList();
        return List.of(new LexicalColumn(LEGACY_LEXICAL_FIELD, LEGACY_SPARSE_FIELD, text));
    }

    /** Rejects specs Milvus cannot hold as asked, before anything is created. */
    static void check(CollectionSpec spec, MilvusConfig config) {
        for (String field : spec.schema().keySet()) {
            if (field.startsWith(LEGACY_LEXICAL_FIELD) || field.startsWith(LEGACY_SPARSE_FIELD)) {
                throw new SchemaMismatchException("field name '" + field + "' is reserved by the Milvus store (it starts "
                        + "with " + LEGACY_LEXICAL_FIELD + " or " + LEGACY_SPARSE_FIELD + "); rename it");
            }
        }
        if (spec.schema().containsKey(MilvusPlacement.SCOPE_FIELD)) {
            throw new SchemaMismatchException("field name '" + MilvusPlacement.SCOPE_FIELD + "' is reserved by the Milvus "
                    + "store (shared collections keep each row's collection in it); rename it");
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
        // In a shared collection a row's key is prefixed with its collection's name (ASCII, up to 128 + ':').
        schema.addField(AddFieldReq.builder().fieldName(CollectionSpec.ID_FIELD).dataType(DataType.VarChar)
                .maxLength(config.isShared() ? ID_MAX_BYTES + 129 : ID_MAX_BYTES).isPrimaryKey(true).autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName(CollectionSpec.VECTOR_FIELD).dataType(DataType.FloatVector)
                .dimension(spec.dimension()).build());
        String partitionKey = config.partitionKey();
        if (config.isShared()) {
            schema.addField(AddFieldReq.builder().fieldName(MilvusPlacement.SCOPE_FIELD).dataType(DataType.VarChar)
                    .maxLength(128).isPartitionKey(true).build());
        }
        spec.schema().forEach((name, type) -> schema.addField(column(name, type, name.equals(partitionKey))));
        for (LexicalColumn column : lexicalColumns(spec)) {
            schema.addField(AddFieldReq.builder().fieldName(column.text()).dataType(DataType.VarChar)
                    .maxLength(VARCHAR_MAX_BYTES).enableAnalyzer(true).build());
            schema.addField(AddFieldReq.builder().fieldName(column.sparse()).dataType(DataType.SparseFloatVector).build());
            schema.addFunction(CreateCollectionReq.Function.builder().name(column.function()).functionType(FunctionType.BM25)
                    .inputFieldNames(List.of(column.text())).outputFieldNames(List.of(column.sparse())).build());
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
     * The vector index from config, an INVERTED index on every scalar field a filter can use, and the BM25 indexes.
     * Array fields get no scalar index: Milvus Lite cannot build one, and array filters work without it.
     */
    static List<IndexParam> indexes(CollectionSpec spec, MilvusConfig config) {
        List<IndexParam> indexes = new ArrayList<>();
        indexes.add(IndexParam.builder().fieldName(CollectionSpec.VECTOR_FIELD).indexName(CollectionSpec.VECTOR_FIELD)
                .indexType(IndexParam.IndexType.valueOf(config.indexType())).metricType(metric(spec.metric()))
                .extraParams(new LinkedHashMap<>(config.indexParams())).build());
        if (config.isShared()) {
            // Several collections hash to each partition; the index keeps a scoped read from scanning the others.
            indexes.add(IndexParam.builder().fieldName(MilvusPlacement.SCOPE_FIELD).indexName(MilvusPlacement.SCOPE_FIELD)
                    .indexType(IndexParam.IndexType.INVERTED).build());
        }
        spec.schema().forEach((name, type) -> {
            if (type != FieldType.TEXT && !type.isArray()) {
                indexes.add(IndexParam.builder().fieldName(name).indexName(name)
                        .indexType(IndexParam.IndexType.INVERTED).build());
            }
        });
        for (LexicalColumn column : lexicalColumns(spec)) {
            // Lucene's BM25 defaults, so both stores score alike.
            indexes.add(IndexParam.builder().fieldName(column.sparse()).indexName(column.sparse())
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

    /** The text of a hidden lexical column: code tokens of its source fields, cut to what a VARCHAR holds. */
    static String lexicalText(LexicalColumn column, Map<String, Object> metadata) {
        StringBuilder all = new StringBuilder();
        for (String name : column.sources()) {
            all.append(CodeTokens.expand((String) metadata.get(name))).append(' ');
        }
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
