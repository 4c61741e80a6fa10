package dev.codeindexer.store.milvus;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.codeindexer.config.VectorStoreConfig;
import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.ContractFixtures;
import dev.codeindexer.store.ContractFixtures.Batch;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.Fusion;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.SearchMode;
import dev.codeindexer.store.SearchRequest;
import dev.codeindexer.store.SearchResult;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.StoreContext;
import dev.codeindexer.store.VectorStore;
import dev.codeindexer.store.VectorStoreFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static dev.codeindexer.store.filter.Filters.eq;
import static dev.codeindexer.store.filter.Filters.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only Milvus has: index types and metrics on the server, scalar indexes, partitions, paging, credentials. */
class MilvusStoreTest {
    private final List<MilvusVectorStore> stores = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private MilvusVectorStore store(String yaml) {
        MilvusVectorStore store = new MilvusVectorStore(MilvusTestServer.config(yaml));
        store.connect();
        stores.add(store);
        return store;
    }

    /** A fresh collection name, dropped after the test. */
    private String newName() {
        String name = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        created.add(name);
        return name;
    }

    private String create(MilvusVectorStore store, DistanceMetric metric) {
        String name = newName();
        store.createCollection(new CollectionSpec(name, ContractFixtures.DIM, ContractFixtures.SCHEMA, metric));
        return name;
    }

    @AfterEach
    void cleanUp() {
        if (!stores.isEmpty()) {
            created.forEach(stores.getFirst()::dropCollection);
        }
        stores.forEach(MilvusVectorStore::close);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"HNSW, cosine, COSINE, '{M: 8, efConstruction: 64}'", "IVF_FLAT, euclidean, L2, '{nlist: 4}'",
            "FLAT, dot, IP, '{}'"})
    void indexTypeParamsAndMetricReachTheServerAndSearchFindsTheNearest(String type, String metric, String milvusMetric,
                                                                       String params) {
        MilvusVectorStore store = store("index_type: " + type + "\nindex_params: " + params
                + "\nsearch_ef: 32\nsearch_nprobe: 4");
        String name = create(store, DistanceMetric.parse(metric));
        DescribeIndexResp.IndexDesc index = store.describeVectorIndex(name);
        assertThat(index.getIndexType()).isEqualTo(IndexParam.IndexType.valueOf(type));
        assertThat(index.getMetricType()).isEqualTo(IndexParam.MetricType.valueOf(milvusMetric));
        // Milvus Lite does not echo build parameters; a full Milvus does, and then they must be ours.
        Map<String, Object> expected = MilvusTestServer.config("index_type: " + type + "\nindex_params: " + params).indexParams();
        index.getExtraParams().forEach((k, v) -> {
            if (expected.containsKey(k)) {
                assertThat(v).isEqualTo(String.valueOf(expected.get(k)));
            }
        });
        Batch b = ContractFixtures.rows(200, 31);
        store.insert(name, b.vectors(), b.metadata(), b.ids());
        for (int i : new int[] {0, 57, 199}) {
            assertThat(store.search(name, List.of(b.vectors().get(i)), 1, null, List.of()).getFirst().getFirst().id())
                    .isEqualTo(b.ids().get(i));
        }
    }

    @Test
    void filterableFieldsGetScalarIndexesAndTextGetsBm25() {
        MilvusVectorStore store = store("");
        String name = create(store, DistanceMetric.COSINE);
        assertThat(store.indexedFields(name)).containsExactlyInAnyOrder("vector", "file_path", "language",
                "entity_type", "start_line", "end_line", "weight", "ratio", "exported", "ci_sparse_content");
        CreateCollectionReq.CollectionSchema schema = store.describeOnServer(name).getCollectionSchema();
        assertThat(schema.getField("content").getMaxLength()).isEqualTo(FieldType.MAX_TEXT_BYTES);
        assertThat(schema.getFunctionList()).hasSize(1);
    }

    /** Two TEXT fields as chunks have them: a long body and a short header naming the entity and file. */
    private static final Map<String, FieldType> TWO_TEXTS = Map.of("content", FieldType.TEXT, "header", FieldType.TEXT,
            "file_path", FieldType.STRING);

    private static Map<String, Object> chunk(String path, String header, String content) {
        return Map.of("file_path", path, "header", header, "content", content);
    }

    private static List<String> lexicalIds(MilvusVectorStore store, String name, String text) {
        return store.search(SearchRequest.builder(name).mode(SearchMode.LEXICAL).texts(List.of(text)).topK(5).build())
                .getFirst().stream().map(SearchResult::id).toList();
    }

    @Test
    void eachTextFieldGetsItsOwnBm25ColumnAndLexicalScoresAddUp() {
        MilvusVectorStore store = store("");
        String name = newName();
        store.createCollection(new CollectionSpec(name, ContractFixtures.DIM, TWO_TEXTS, DistanceMetric.COSINE));
        CreateCollectionReq.CollectionSchema schema = store.describeOnServer(name).getCollectionSchema();
        assertThat(schema.getFunctionList()).extracting(CreateCollectionReq.Function::getName)
                .containsExactlyInAnyOrder("ci_bm25_content", "ci_bm25_header");
        assertThat(store.indexedFields(name)).contains("ci_sparse_content", "ci_sparse_header");

        Random random = new Random(3);
        String filler = "value ".repeat(200);
        List<Map<String, Object>> rows = List.of(
                chunk("a/Dates.java", "Dates.parseHeaderDate", filler + "return parse(value);"),   // name in the header
                chunk("b/Other.java", "Other.run", filler + "parseHeaderDate(value);"),            // a call in a long body
                chunk("c/Both.java", "Both.parseHeaderDate", "parseHeaderDate(header);"),          // both fields
                chunk("d/None.java", "None.close", "socket.close();"));
        store.insert(name, rows.stream().map(r -> ContractFixtures.vector(random)).toList(), rows, List.of("a", "b", "c", "d"));
        // Matches in both fields add up; a name in the short header outweighs the same word in a long body.
        assertThat(lexicalIds(store, name, "parseHeaderDate")).containsExactly("c", "a", "b");
        assertThat(lexicalIds(store, name, "socket")).containsExactly("d");
        assertThat(lexicalIds(store, name, "Both")).containsExactly("c"); // the header column alone
    }

    @Test
    void collectionsWithTheEarlierSingleLexicalColumnAreStillReadAndWritten() {
        MilvusVectorStore store = store("");
        String name = newName();
        CollectionSpec spec = new CollectionSpec(name, ContractFixtures.DIM, TWO_TEXTS, DistanceMetric.COSINE);
        var config = MilvusTestServer.config("");
        // The layout earlier versions created: one ci_lexical column over every TEXT field, one ci_sparse, one function.
        CreateCollectionReq.CollectionSchema schema = MilvusSchema.schema(spec, config);
        schema.getFieldSchemaList().removeIf(f -> f.getName().startsWith("ci_"));
        schema.getFunctionList().clear();
        schema.addField(io.milvus.v2.service.collection.request.AddFieldReq.builder().fieldName("ci_lexical")
                .dataType(io.milvus.v2.common.DataType.VarChar).maxLength(65_535).enableAnalyzer(true).build());
        schema.addField(io.milvus.v2.service.collection.request.AddFieldReq.builder().fieldName("ci_sparse")
                .dataType(io.milvus.v2.common.DataType.SparseFloatVector).build());
        schema.addFunction(CreateCollectionReq.Function.builder().name("ci_bm25")
                .functionType(io.milvus.common.clientenum.FunctionType.BM25)
                .inputFieldNames(List.of("ci_lexical")).outputFieldNames(List.of("ci_sparse")).build());
        List<IndexParam> indexes = new ArrayList<>(MilvusSchema.indexes(spec, config));
        indexes.removeIf(i -> i.getFieldName().startsWith("ci_"));
        indexes.add(IndexParam.builder().fieldName("ci_sparse").indexName("ci_sparse")
                .indexType(IndexParam.IndexType.SPARSE_INVERTED_INDEX).metricType(IndexParam.MetricType.BM25).build());
        var client = new io.milvus.v2.client.MilvusClientV2(io.milvus.v2.client.ConnectConfig.builder()
                .uri(MilvusTestServer.uri()).build());
        try {
            client.createCollection(CreateCollectionReq.builder().collectionName(name).collectionSchema(schema)
                    .indexParams(indexes).property(MilvusSchema.SPEC_PROPERTY, dev.codeindexer.store.CollectionSpecJson.write(spec))
                    .build());
        } finally {
            client.close();
        }

        Random random = new Random(4);
        List<Map<String, Object>> rows = List.of(chunk("a/Dates.java", "Dates.parseHeaderDate", "return parse(value);"),
                chunk("d/None.java", "None.close", "socket.close();"));
        store.insert(name, rows.stream().map(r -> ContractFixtures.vector(random)).toList(), rows, List.of("a", "d"));
        assertThat(lexicalIds(store, name, "parse header date")).containsExactly("a");
        assertThat(lexicalIds(store, name, "socket")).containsExactly("d");
        assertThat(store.describeOnServer(name).getCollectionSchema().getFieldSchemaList())
                .extracting(CreateCollectionReq.FieldSchema::getName).doesNotContain("ci_lexical_content");
    }

    @Test
    void fieldNamesOfTheHiddenColumnsAreReserved() {
        MilvusVectorStore store = store("");
        assertThatThrownBy(() -> store.createCollection(new CollectionSpec("m_reserved", ContractFixtures.DIM,
                Map.of("ci_sparse_x", FieldType.STRING), DistanceMetric.COSINE)))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("reserved");
    }

    @Test
    void partitionKeyFromConfigIsUsedAndFiltersStillMatch() {
        MilvusVectorStore store = store("partition_key: language");
        String name = create(store, DistanceMetric.COSINE);
        var server = store.describeOnServer(name);
        assertThat(server.getCollectionSchema().getField("language").getIsPartitionKey()).isTrue();
        assertThat(server.getNumOfPartitions()).isGreaterThan(1);
        Batch b = ContractFixtures.rows(120, 32);
        store.insert(name, b.vectors(), b.metadata(), b.ids());
        long go = b.metadata().stream().filter(m -> "go".equals(m.get("language"))).count();
        assertThat(store.count(name, eq("language", "go"))).isEqualTo(go);
        assertThat(store.search(name, List.of(b.vectors().get(5)), 200, eq("language", "go"), List.of("language"))
                .getFirst()).hasSize((int) go).allMatch(h -> h.metadata().get("language").equals("go"));
    }

    @Test
    void aPartitionKeyThatIsNotAStringOrIntFieldIsRefused() {
        MilvusVectorStore store = store("partition_key: tags");
        String name = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        assertThatThrownBy(() -> store.createCollection(new CollectionSpec(name, 4, ContractFixtures.SCHEMA,
                DistanceMetric.COSINE))).isInstanceOf(SchemaMismatchException.class).hasMessageContaining("partition_key");
        assertThat(store.hasCollection(name)).isFalse();
    }

    @Test
    void loadAndReleaseAndSearchLoadsAgain() {
        MilvusVectorStore store = store("");
        String name = create(store, DistanceMetric.COSINE);
        Batch b = ContractFixtures.rows(30, 33);
        store.insert(name, b.vectors(), b.metadata(), b.ids());
        store.release(name); // the end of an index run: the collection stays loaded
        assertThat(store.isLoaded(name)).isTrue();
        store.releaseMemory(name);
        assertThat(store.isLoaded(name)).isFalse();
        assertThat(store.search(name, List.of(b.vectors().get(7)), 1, null, List.of()).getFirst().getFirst().id())
                .isEqualTo("r7");
        assertThat(store.isLoaded(name)).isTrue();
    }

    @Test
    void writesDeletesAndGetsPageThroughMoreRowsThanOneBatch() {
        MilvusVectorStore store = store("batch_size: 100");
        String name = create(store, DistanceMetric.COSINE);
        Batch b = ContractFixtures.rows(1_050, 34);
        store.insert(name, b.vectors(), b.metadata(), b.ids());
        assertThat(store.count(name, null)).isEqualTo(1_050);
        assertThat(store.get(name, b.ids())).hasSize(1_050);
        long low = b.metadata().stream().filter(m -> ((Number) m.get("start_line")).longValue() < 700).count();
        assertThat(low).isGreaterThan(300);
        assertThat(store.delete(name, range("start_line").lt(700))).isEqualTo(low);
        assertThat(store.count(name, null)).isEqualTo(1_050 - low);
        assertThat(store.delete(name, range("start_line").lt(700))).isZero();
    }

    @Test
    void serverSideHybridRanksLikeClientSideFusion() {
        MilvusVectorStore store = store("");
        String name = create(store, DistanceMetric.COSINE);
        Random random = new Random(35);
        List<float[]> vectors = new ArrayList<>();
        List<Map<String, Object>> metadata = new ArrayList<>();
        String[] words = {"parseHttpDate", "retryUpload", "UserRepository", "debounce", "TcpStream", "formatDate"};
        for (int i = 0; i < 60; i++) {
            Map<String, Object> m = new LinkedHashMap<>(ContractFixtures.metadata(i, random));
            m.put("content", words[i % words.length] + " " + words[(i * 7 + 3) % words.length] + " item" + i);
            metadata.add(m);
            vectors.add(ContractFixtures.vector(random));
        }
        store.insert(name, vectors, metadata, null);
        float[] query = vectors.get(11);
        String text = "http date upload";
        int k = 10;
        var server = store.search(SearchRequest.builder(name).mode(SearchMode.HYBRID).vector(query)
                .texts(List.of(text)).topK(k).build()).getFirst();
        int n = Fusion.candidates(k);
        var dense = store.search(SearchRequest.builder(name).vector(query).topK(n).build()).getFirst();
        var lexical = store.search(SearchRequest.builder(name).mode(SearchMode.LEXICAL).texts(List.of(text)).topK(n)
                .build()).getFirst();
        var client = Fusion.DEFAULT.fuse(dense, lexical, k);
        assertThat(server).extracting(SearchResult::score).containsExactlyElementsOf(
                client.stream().map(SearchResult::score).toList());
        assertThat(server.subList(0, 3)).extracting(SearchResult::id)
                .containsExactlyElementsOf(client.subList(0, 3).stream().map(SearchResult::id).toList());
    }

    @Test
    void theFactoryBuildsAMilvusStoreFromConfig() {
        VectorStoreConfig config = MilvusTestServer.vectorStoreConfig(MilvusTestServer.uri(), "");
        try (VectorStore store = VectorStoreFactory.create(config, StoreContext.unmetered(Path.of("unused")))) {
            assertThat(store).isInstanceOf(MilvusVectorStore.class);
            store.connect();
            assertThat(((MilvusVectorStore) store).serverVersion()).isNotBlank();
        }
    }

    @Test
    void anUnreachableServerFailsFastNamingTheAddressAndNoSecret() throws Exception {
        int port = MilvusTestServer.freePort();
        MilvusVectorStore store = new MilvusVectorStore(MilvusTestServer.config("http://127.0.0.1:" + port,
                "token: tok-SECRET-42\ntimeout: 2\nmax_retries: 0"));
        assertThatThrownBy(store::connect).isInstanceOf(StoreConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + port).hasMessageNotContaining("tok-SECRET-42");
        assertThat(store.toString()).doesNotContain("tok-SECRET-42");
    }

    @Test
    void aMissingCollectionIsReportedAtOnceAndNotRetried() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MilvusVectorStore store = new MilvusVectorStore(MilvusTestServer.config("max_retries: 5\nretry_backoff_ms: 2000"),
                registry);
        stores.add(store);
        store.connect();
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.count("m_missing_" + UUID.randomUUID().toString().replace("-", ""), null))
                .isInstanceOf(CollectionNotFoundException.class);
        // One backoff alone would take 2 s.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
        assertThat(registry.find(MilvusConnection.RETRIES_METRIC).counters()).isEmpty();
    }

    @Test
    void credentialsNeverReachTheLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        var previous = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        try {
            MilvusVectorStore store = store("user: alice\npassword: pw-SECRET-123\nlog_level: TRACE");
            String name = create(store, DistanceMetric.COSINE);
            Batch b = ContractFixtures.rows(5, 36);
            store.insert(name, b.vectors(), b.metadata(), b.ids());
            assertThat(store.toString()).doesNotContain("pw-SECRET-123");
        } finally {
            root.setLevel(previous);
            root.detachAppender(appender);
            ((Logger) LoggerFactory.getLogger("io.milvus")).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).noneMatch(e -> e.getFormattedMessage().contains("pw-SECRET-123")
                || String.valueOf(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())
                .contains("pw-SECRET-123"));
    }
}
