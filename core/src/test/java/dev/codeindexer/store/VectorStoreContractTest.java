package dev.codeindexer.store;

import static dev.codeindexer.store.filter.Filters.and;
import static dev.codeindexer.store.filter.Filters.eq;
import static dev.codeindexer.store.filter.Filters.in;
import static dev.codeindexer.store.filter.Filters.ne;
import static dev.codeindexer.store.filter.Filters.not;
import static dev.codeindexer.store.filter.Filters.or;
import static dev.codeindexer.store.filter.Filters.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.codeindexer.store.ContractFixtures.Batch;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.FilterEvaluator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The behaviour every {@link VectorStore} backend must have. A backend's test extends this class and says how to
 * build an unconnected store; {@link #newStore} called twice with the same directory must reach the same data
 * (that is how restarts are tested).
 */
public abstract class VectorStoreContractTest {
    @TempDir
    protected Path dataDir;

    protected VectorStore store;
    private final List<String> created = new ArrayList<>();

    /** An unconnected store whose data lives in {@code dir} (or on a server, for remote backends). */
    protected abstract VectorStore newStore(Path dir);

    @BeforeEach
    void openStore() {
        store = newStore(dataDir);
        store.connect();
    }

    @AfterEach
    void dropAndClose() {
        if (store != null && store.isConnected()) {
            created.forEach(store::dropCollection);
        }
        if (store != null) {
            store.close();
        }
    }

    /** A collection name unique to this test, dropped afterwards (remote stores are shared between tests). */
    protected String collection(DistanceMetric metric) {
        String name = "c_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        created.add(name);
        store.createCollection(new CollectionSpec(name, ContractFixtures.DIM, ContractFixtures.SCHEMA, metric,
                Map.of("model", "test-model", "chunker", "1")));
        return name;
    }

    protected String filledCollection(DistanceMetric metric, Batch batch) {
        String name = collection(metric);
        store.insert(name, batch.vectors(), batch.metadata(), batch.ids());
        return name;
    }

    @Test
    void constructingAStoreDoesNoIoAndNeedsConnect() {
        VectorStore fresh = newStore(dataDir.resolve("never-connected"));
        assertThat(fresh.isConnected()).isFalse();
        assertThatThrownBy(fresh::listCollections).isInstanceOf(StoreConnectionException.class);
        fresh.close();
    }

    @Test
    void createCollectionIsIdempotentAndDescribable() {
        String name = collection(DistanceMetric.COSINE);
        store.createCollection(new CollectionSpec(name, ContractFixtures.DIM, ContractFixtures.SCHEMA,
                DistanceMetric.COSINE, Map.of("model", "test-model", "chunker", "1")));
        assertThat(store.hasCollection(name)).isTrue();
        assertThat(store.listCollections()).contains(name);
        CollectionSpec spec = store.describeCollection(name);
        assertThat(spec.dimension()).isEqualTo(ContractFixtures.DIM);
        assertThat(spec.metric()).isEqualTo(DistanceMetric.COSINE);
        assertThat(spec.schema()).isEqualTo(ContractFixtures.SCHEMA);
        assertThat(spec.properties()).containsEntry("model", "test-model").containsEntry("chunker", "1");
    }

    @Test
    void recreatingWithAnotherDimensionOrMetricFails() {
        String name = collection(DistanceMetric.COSINE);
        assertThatThrownBy(() -> store.createCollection(name, ContractFixtures.DIM + 1, ContractFixtures.SCHEMA,
                DistanceMetric.COSINE)).isInstanceOf(SchemaMismatchException.class).hasMessageContaining(name);
        assertThatThrownBy(() -> store.createCollection(name, ContractFixtures.DIM, ContractFixtures.SCHEMA,
                DistanceMetric.DOT)).isInstanceOf(SchemaMismatchException.class);
        assertThatThrownBy(() -> store.createCollection(name, ContractFixtures.DIM, Map.of("language", FieldType.STRING),
                DistanceMetric.COSINE)).isInstanceOf(SchemaMismatchException.class);
    }

    @Test
    void dropCollectionRemovesItAndIsIdempotent() {
        String name = filledCollection(DistanceMetric.COSINE, ContractFixtures.rows(10, 1));
        store.dropCollection(name);
        assertThat(store.hasCollection(name)).isFalse();
        assertThat(store.listCollections()).doesNotContain(name);
        store.dropCollection(name);
        store.createCollection(name, ContractFixtures.DIM, ContractFixtures.SCHEMA, DistanceMetric.COSINE);
        assertThat(store.count(name, null)).isZero();
    }

    @Test
    void operationsOnAMissingCollectionThrowCollectionNotFound() {
        String missing = "missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Batch b = ContractFixtures.rows(1, 1);
        assertThatThrownBy(() -> store.insert(missing, b.vectors(), b.metadata(), null))
                .isInstanceOf(CollectionNotFoundException.class).hasMessageContaining(missing);
        assertThatThrownBy(() -> store.search(missing, b.vectors(), 3, null, List.of()))
                .isInstanceOf(CollectionNotFoundException.class);
        assertThatThrownBy(() -> store.count(missing, null)).isInstanceOf(CollectionNotFoundException.class);
        assertThatThrownBy(() -> store.delete(missing, List.of("x"))).isInstanceOf(CollectionNotFoundException.class);
        assertThatThrownBy(() -> store.get(missing, List.of("x"))).isInstanceOf(CollectionNotFoundException.class);
        assertThatThrownBy(() -> store.describeCollection(missing)).isInstanceOf(CollectionNotFoundException.class);
    }

    @Test
    void insertGeneratesUuidsWhenNoIdsAreGiven() {
        String name = collection(DistanceMetric.COSINE);
        Batch b = ContractFixtures.rows(5, 2);
        List<String> ids = store.insert(name, b.vectors(), b.metadata(), null);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().allSatisfy(id -> UUID.fromString(id));
        assertThat(store.get(name, ids)).extracting(StoredRow::id).containsExactlyElementsOf(ids);
        assertThat(store.count(name, null)).isEqualTo(5);
    }

    @Test
    void insertKeepsGivenIdsAndGetReturnsVectorsAndNormalisedMetadata() {
        Batch b = ContractFixtures.rows(20, 3);
        String name = collection(DistanceMetric.COSINE);
        assertThat(store.insert(name, b.vectors(), b.metadata(), b.ids())).isEqualTo(b.ids());
        List<StoredRow> rows = store.get(name, List.of("r7", "nope", "r3"));
        assertThat(rows).extracting(StoredRow::id).containsExactly("r7", "r3");
        assertThat(rows.getFirst().vector()).containsExactly(b.vectors().get(7), within(1e-6f));
        assertThat(rows.getFirst().metadata()).isEqualTo(Rows.normalize(store.describeCollection(name), b.metadata().get(7)));
        assertThat(rows.getFirst().metadata().get("start_line")).isInstanceOf(Long.class);
        assertThat(rows.getFirst().metadata().get("weight")).isInstanceOf(Float.class);
    }

    @Test
    void insertingAnExistingIdFailsAndWritesNothing() {
        Batch b = ContractFixtures.rows(10, 4);
        String name = filledCollection(DistanceMetric.COSINE, b);
        Batch more = ContractFixtures.rows(12, 5);
        assertThatThrownBy(() -> store.insert(name, more.vectors(), more.metadata(), more.ids()))
                .isInstanceOf(DuplicateIdException.class).hasMessageContaining("r0");
        assertThat(store.count(name, null)).isEqualTo(10);
        assertThatThrownBy(() -> store.insert(name, List.of(b.vectors().get(0), b.vectors().get(1)),
                List.of(b.metadata().get(0), b.metadata().get(1)), List.of("new", "new")))
                .isInstanceOf(DuplicateIdException.class);
        assertThat(store.get(name, List.of("new"))).isEmpty();
    }

    @Test
    void rowsThatDoNotFitTheSchemaAreRejectedWithTheFieldNamed() {
        String name = collection(DistanceMetric.COSINE);
        Batch b = ContractFixtures.rows(1, 6);
        Map<String, Object> meta = b.metadata().getFirst();
        assertThatThrownBy(() -> store.insert(name, List.of(new float[ContractFixtures.DIM + 2]), b.metadata(), null))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("dimension");
        Map<String, Object> unknown = new LinkedHashMap<>(meta);
        unknown.put("colour", "red");
        assertThatThrownBy(() -> store.insert(name, b.vectors(), List.of(unknown), null))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("colour");
        Map<String, Object> missing = new LinkedHashMap<>(meta);
        missing.remove("language");
        assertThatThrownBy(() -> store.insert(name, b.vectors(), List.of(missing), null))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("language");
        Map<String, Object> mistyped = new LinkedHashMap<>(meta);
        mistyped.put("start_line", "ten");
        assertThatThrownBy(() -> store.insert(name, b.vectors(), List.of(mistyped), null))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("start_line");
        assertThat(store.count(name, null)).isZero();
    }

    @ParameterizedTest
    @EnumSource(DistanceMetric.class)
    void searchRanksAndScoresLikeBruteForce(DistanceMetric metric) {
        Batch b = ContractFixtures.rows(300, 7);
        String name = filledCollection(metric, b);
        Random random = new Random(8);
        List<float[]> queries = IntStream.range(0, 8).mapToObj(i -> ContractFixtures.vector(random)).toList();
        List<List<SearchResult>> results = store.search(name, queries, 10, null, List.of("language"));
        assertThat(results).hasSize(queries.size());
        int found = 0;
        for (int q = 0; q < queries.size(); q++) {
            float[] query = queries.get(q);
            List<SearchResult> hits = results.get(q);
            assertThat(hits).hasSize(10);
            assertThat(hits).extracting(SearchResult::score).isSortedAccordingTo(Comparator.reverseOrder());
            for (SearchResult hit : hits) {
                float expected = metric.score(query, b.vectors().get(b.ids().indexOf(hit.id())));
                assertThat(hit.score()).as("score of %s under %s", hit.id(), metric)
                        .isCloseTo(expected, within(1e-3f * Math.max(1f, Math.abs(expected))));
                assertThat(hit.metadata()).containsOnlyKeys("language");
            }
            Set<String> truth = new HashSet<>(bruteForce(metric, b, query, 10));
            found += (int) hits.stream().filter(h -> truth.contains(h.id())).count();
        }
        assertThat(found / (queries.size() * 10.0)).as("recall@10 against brute force").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void searchReturnsAllFieldsWhenNoneAreNamed() {
        Batch b = ContractFixtures.rows(30, 9);
        String name = filledCollection(DistanceMetric.COSINE, b);
        SearchResult top = store.search(name, List.of(b.vectors().get(4)), 1, null, List.of()).getFirst().getFirst();
        assertThat(top.id()).isEqualTo("r4");
        assertThat(top.score()).isCloseTo(1f, within(1e-4f));
        assertThat(top.metadata()).containsOnlyKeys(ContractFixtures.SCHEMA.keySet());
    }

    @Test
    void searchOfAnEmptyCollectionFindsNothing() {
        String name = collection(DistanceMetric.COSINE);
        assertThat(store.search(name, List.of(new float[ContractFixtures.DIM]), 5, null, List.of()))
                .containsExactly(List.of());
    }

    @Test
    void searchWithAQueryOfTheWrongDimensionFails() {
        String name = filledCollection(DistanceMetric.COSINE, ContractFixtures.rows(5, 10));
        assertThatThrownBy(() -> store.search(name, List.of(new float[3]), 5, null, List.of()))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("dimension");
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("eq string", eq("language", "python")),
                Arguments.of("eq int", eq("start_line", 1)),
                Arguments.of("eq bool", eq("exported", false)),
                Arguments.of("ne string", ne("entity_type", "class")),
                Arguments.of("in strings", in("language", "go", "rust", "cobol")),
                Arguments.of("in ints", in("start_line", 1, 2, 3, 100, 200, 300)),
                Arguments.of("range int closed", range("start_line").gte(100).lte(200)),
                Arguments.of("range int open", range("start_line").gt(100).lt(200)),
                Arguments.of("range half", range("end_line").gte(400)),
                Arguments.of("range float", range("weight").gt(2.5).lte(7.5)),
                Arguments.of("range double", range("ratio").lt(3.25)),
                Arguments.of("range string", range("file_path").gte("src/go").lt("src/python")),
                Arguments.of("array contains", eq("tags", "t1")),
                Arguments.of("array contains any", in("tags", "t2", "u3")),
                Arguments.of("array does not contain", ne("tags", "t1")),
                Arguments.of("int array contains", eq("lines", 2)),
                Arguments.of("and", and(eq("language", "java"), eq("entity_type", "method"))),
                Arguments.of("or", or(eq("language", "java"), range("start_line").lt(50))),
                Arguments.of("not", not(eq("language", "java"))),
                Arguments.of("not of or", not(or(eq("exported", true), eq("language", "go")))),
                Arguments.of("issue example", and(eq("language", "python"),
                        or(eq("entity_type", "function"), eq("entity_type", "method")),
                        range("start_line").gte(100).lte(200))),
                Arguments.of("nested and/or/not", or(and(eq("language", "rust"), not(in("entity_type", "class"))),
                        and(range("ratio").gte(9.0), ne("language", "rust")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void filtersMatchExactlyWhatTheyMean(String label, Filter filter) {
        Batch b = ContractFixtures.rows(300, 11);
        String name = filledCollection(DistanceMetric.COSINE, b);
        CollectionSpec spec = store.describeCollection(name);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < b.size(); i++) {
            if (FilterEvaluator.matches(filter, Rows.normalize(spec, b.metadata().get(i)))) {
                expected.add(b.ids().get(i));
            }
        }
        assertThat(expected).as("fixture gives '%s' some but not all rows", label).isNotEmpty().hasSizeLessThan(300);
        assertThat(store.count(name, filter)).isEqualTo(expected.size());
        List<SearchResult> hits = store.search(name, List.of(b.vectors().get(0)), 20, filter, List.of()).getFirst();
        assertThat(hits).hasSize(Math.min(20, expected.size()));
        assertThat(hits).extracting(SearchResult::id).allMatch(expected::contains);
        for (SearchResult hit : hits) {
            assertThat(FilterEvaluator.matches(filter, hit.metadata())).as("hit %s matches", hit.id()).isTrue();
        }
    }

    @Test
    void filtersThatDoNotFitTheSchemaAreRejected() {
        String name = filledCollection(DistanceMetric.COSINE, ContractFixtures.rows(5, 12));
        assertThatThrownBy(() -> store.count(name, eq("colour", "red")))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> store.count(name, eq("content", "x")))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("content");
        assertThatThrownBy(() -> store.count(name, eq("start_line", "ten")))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("start_line");
        assertThatThrownBy(() -> store.delete(name, range("language")))
                .isInstanceOf(InvalidFilterException.class);
        assertThat(store.count(name, null)).isEqualTo(5);
    }

    @Test
    void deleteByIdsReturnsHowManyExisted() {
        String name = filledCollection(DistanceMetric.COSINE, ContractFixtures.rows(50, 13));
        assertThat(store.delete(name, List.of("r1", "r2", "r2", "missing"))).isEqualTo(2);
        assertThat(store.count(name, null)).isEqualTo(48);
        assertThat(store.get(name, List.of("r1", "r2", "r3"))).extracting(StoredRow::id).containsExactly("r3");
        assertThat(store.delete(name, List.of("r1"))).isZero();
    }

    @Test
    void deleteByFilterRemovesOnlyMatchingRows() {
        Batch b = ContractFixtures.rows(200, 14);
        String name = filledCollection(DistanceMetric.COSINE, b);
        Filter filter = and(eq("language", "go"), range("start_line").lt(250));
        long matching = store.count(name, filter);
        assertThat(matching).isPositive();
        assertThat(store.delete(name, filter)).isEqualTo(matching);
        assertThat(store.count(name, filter)).isZero();
        assertThat(store.count(name, null)).isEqualTo(200 - matching);
        assertThat(store.count(name, eq("language", "go"))).isEqualTo(50 - matching);
        assertThat(store.delete(name, filter)).isZero();
    }

    @Test
    void upsertReplacesExistingRowsAndAddsNewOnes() {
        Batch b = ContractFixtures.rows(20, 15);
        String name = filledCollection(DistanceMetric.COSINE, b);
        Random random = new Random(16);
        float[] moved = ContractFixtures.vector(random);
        Map<String, Object> meta = new LinkedHashMap<>(b.metadata().get(5));
        meta.put("language", "kotlin");
        Map<String, Object> fresh = ContractFixtures.metadata(99, random);
        store.upsert(name, List.of(moved, ContractFixtures.vector(random)), List.of(meta, fresh), List.of("r5", "r99"));
        assertThat(store.count(name, null)).isEqualTo(21);
        assertThat(store.count(name, eq("language", "kotlin"))).isEqualTo(1);
        StoredRow row = store.get(name, List.of("r5")).getFirst();
        assertThat(row.metadata()).containsEntry("language", "kotlin");
        assertThat(row.vector()).containsExactly(moved, within(1e-6f));
        assertThat(store.search(name, List.of(moved), 1, null, List.of()).getFirst().getFirst().id()).isEqualTo("r5");
    }

    @Test
    void dataSurvivesARestart() {
        Batch b = ContractFixtures.rows(40, 17);
        String name = filledCollection(DistanceMetric.EUCLIDEAN, b);
        store.delete(name, List.of("r0"));
        store.close();
        store = newStore(dataDir);
        store.connect();
        assertThat(store.hasCollection(name)).isTrue();
        assertThat(store.describeCollection(name).properties()).containsEntry("model", "test-model");
        assertThat(store.count(name, null)).isEqualTo(39);
        assertThat(store.get(name, List.of("r0", "r9"))).extracting(StoredRow::id).containsExactly("r9");
        assertThat(store.search(name, List.of(b.vectors().get(9)), 1, null, List.of()).getFirst().getFirst().id())
                .isEqualTo("r9");
    }

    /**
     * Two processes take turns writing one collection (a server that ran one index job, then the command line):
     * once the first has released it, the second writes, and the first sees that write and writes again after it.
     */
    @Test
    void aReleasedCollectionIsWrittenByAnotherStoreInTurn() {
        Batch b = ContractFixtures.rows(12, 5);
        String name = filledCollection(DistanceMetric.COSINE, b);
        store.delete(name, List.of("r0"));
        store.release(name);
        try (VectorStore other = newStore(dataDir)) {
            other.connect();
            other.delete(name, List.of("r1"));
            other.release(name);
        }
        assertThat(store.count(name, null)).isEqualTo(10);
        store.delete(name, List.of("r2"));
        assertThat(store.count(name, null)).isEqualTo(9);
    }

    /** Values that broke string-built filter expressions elsewhere: each must match and delete only itself. */
    static final List<String> HOSTILE = List.of("a\"b", "a'b", "a\\b", "a\\\"b", "a\" || id != \"", "x' or '1'='1",
            "x || y", "line\nbreak", "tab\there", "ünïcødé/日本語/🎉", "%_*?[]{}()", "a\\", "\"", "", " ");

    @Test
    void hostileValuesMatchAndDeleteOnlyThemselves() {
        String name = collection(DistanceMetric.COSINE);
        Random random = new Random(18);
        List<float[]> vectors = new ArrayList<>();
        List<Map<String, Object>> metadata = new ArrayList<>();
        List<String> values = new ArrayList<>(HOSTILE);
        values.add("a");
        values.add("b");
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> m = ContractFixtures.metadata(i, random);
            m.put("file_path", values.get(i));
            m.put("tags", List.of(values.get(i)));
            vectors.add(ContractFixtures.vector(random));
            metadata.add(m);
        }
        store.insert(name, vectors, metadata, null);
        long total = values.size();
        for (String value : HOSTILE) {
            assertThat(store.count(name, eq("file_path", value))).as("eq %s", value).isEqualTo(1);
            assertThat(store.count(name, eq("tags", value))).as("array eq %s", value).isEqualTo(1);
            assertThat(store.count(name, ne("file_path", value))).as("ne %s", value).isEqualTo(total - 1);
            List<SearchResult> hits = store.search(name, List.of(vectors.getFirst()), 50, eq("file_path", value),
                    List.of("file_path")).getFirst();
            assertThat(hits).extracting(h -> h.metadata().get("file_path")).containsExactly(value);
        }
        assertThat(store.count(name, in("file_path", HOSTILE))).isEqualTo(HOSTILE.size());
        for (String value : HOSTILE) {
            assertThat(store.delete(name, eq("file_path", value))).as("delete %s", value).isEqualTo(1);
            total--;
            assertThat(store.count(name, null)).isEqualTo(total);
        }
        assertThat(store.count(name, in("file_path", "a", "b"))).isEqualTo(2);
    }

    @Test
    void searchesRunWhileAnotherThreadWrites() throws Exception {
        Batch b = ContractFixtures.rows(400, 19);
        String name = filledCollection(DistanceMetric.COSINE, new Batch(b.ids().subList(0, 100),
                b.vectors().subList(0, 100), b.metadata().subList(0, 100)));
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int from = 100; from < 400; from += 50) {
                    store.insert(name, b.vectors().subList(from, from + 50), b.metadata().subList(from, from + 50),
                            b.ids().subList(from, from + 50));
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        });
        while (writer.isAlive()) {
            assertThat(store.search(name, List.of(b.vectors().get(3)), 5, eq("language", "go"), List.of()).getFirst())
                    .hasSizeLessThanOrEqualTo(5);
        }
        writer.join();
        assertThat(failures).isEmpty();
        assertThat(store.count(name, null)).isEqualTo(400);
    }

    /** Rows whose content differs by identifier style, for the lexical and hybrid tests. */
    private String codeCollection(List<String> contents, List<float[]> vectors) {
        String name = collection(DistanceMetric.COSINE);
        Random random = new Random(20);
        List<Map<String, Object>> metadata = new ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            Map<String, Object> m = ContractFixtures.metadata(i, random);
            m.put("content", contents.get(i));
            metadata.add(m);
        }
        store.insert(name, vectors, metadata, IntStream.range(0, contents.size()).mapToObj(i -> "d" + i).toList());
        return name;
    }

    private static final List<String> CODE = List.of(
            "public Date parseHttpDate(String header) { return FORMAT.parse(header); }",
            "def retry_failed_upload(job):\n    for attempt in range(3): upload(job)",
            "class UserRepository { User findById(long id) { return db.get(id); } }",
            "// string formatting helpers\nString pad(String s, int width) { return s; }",
            "fn connect(addr: &str) -> TcpStream { TcpStream::connect(addr).unwrap() }",
            "function debounce(fn, ms) { let t; return () => { clearTimeout(t); t = setTimeout(fn, ms); }; }");

    private SearchRequest.Builder query(String name, SearchMode mode) {
        return SearchRequest.builder(name).mode(mode).topK(3).outputFields(List.of("content", "language"));
    }

    @Test
    void lexicalSearchMatchesIdentifiersAndTheirParts() {
        Random random = new Random(21);
        String name = codeCollection(CODE, CODE.stream().map(c -> ContractFixtures.vector(random)).toList());
        assertThat(top(query(name, SearchMode.LEXICAL).texts(List.of("parseHttpDate")).build())).isEqualTo("d0");
        assertThat(top(query(name, SearchMode.LEXICAL).texts(List.of("http date")).build())).isEqualTo("d0");
        assertThat(top(query(name, SearchMode.LEXICAL).texts(List.of("retry upload")).build())).isEqualTo("d1");
        assertThat(top(query(name, SearchMode.LEXICAL).texts(List.of("findById user repository")).build())).isEqualTo("d2");
        List<List<SearchResult>> batch = store.search(query(name, SearchMode.LEXICAL)
                .texts(List.of("debounce", "TcpStream connect", "zzzunknownzzz", "(){};")).build());
        assertThat(batch).hasSize(4);
        assertThat(batch.get(0).getFirst().id()).isEqualTo("d5");
        assertThat(batch.get(1).getFirst().id()).isEqualTo("d4");
        assertThat(batch.get(2)).isEmpty();
        assertThat(batch.get(3)).isEmpty();
        assertThat(batch.get(0)).extracting(SearchResult::score).isSortedAccordingTo(Comparator.reverseOrder())
                .allMatch(s -> s > 0);
        String lang = (String) batch.get(0).getFirst().metadata().get("language");
        assertThat(store.search(query(name, SearchMode.LEXICAL).texts(List.of("debounce")).filter(ne("language", lang))
                .build()).getFirst()).extracting(SearchResult::id).doesNotContain("d5");
    }

    @Test
    void hybridSearchFusesTheDenseAndLexicalLegs() {
        Random random = new Random(22);
        List<float[]> vectors = CODE.stream().map(c -> ContractFixtures.vector(random)).toList();
        String name = codeCollection(CODE, vectors);
        // The query vector is row d3's, the query text names row d0: each leg has another winner.
        SearchRequest hybrid = query(name, SearchMode.HYBRID).vectors(List.of(vectors.get(3)))
                .texts(List.of("parseHttpDate")).topK(6).build();
        List<SearchResult> hits = store.search(hybrid).getFirst();
        assertThat(hits.subList(0, 2)).extracting(SearchResult::id).containsExactlyInAnyOrder("d0", "d3");
        assertThat(hits).extracting(SearchResult::score).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(hits.getFirst().metadata()).containsOnlyKeys("content", "language");
        String lang = (String) store.get(name, List.of("d0")).getFirst().metadata().get("language");
        List<SearchResult> filtered = store.search(query(name, SearchMode.HYBRID).vectors(List.of(vectors.get(3)))
                .texts(List.of("parseHttpDate")).filter(ne("language", lang)).topK(6).build()).getFirst();
        assertThat(filtered).extracting(SearchResult::id).doesNotContain("d0");
        SearchRequest lexicalOnly = query(name, SearchMode.HYBRID).vectors(List.of(vectors.get(3)))
                .texts(List.of("parseHttpDate")).fusion(new Fusion(60, 0.0, 1.0)).build();
        assertThat(top(lexicalOnly)).isEqualTo("d0");
    }

    @Test
    void aVectorFilterLeavesRowsOutOfTheVectorLegOnly() {
        Random random = new Random(23);
        List<float[]> vectors = CODE.stream().map(c -> ContractFixtures.vector(random)).toList();
        String name = codeCollection(CODE, vectors);
        String lang = (String) store.get(name, List.of("d3")).getFirst().metadata().get("language");
        List<SearchResult> dense = store.search(query(name, SearchMode.DENSE).vectors(List.of(vectors.get(3)))
                .vectorFilter(ne("language", lang)).topK(6).build()).getFirst();
        assertThat(dense).isNotEmpty().extracting(r -> r.metadata().get("language")).doesNotContain(lang);
        // Its own vector would put d3 first; left out of the vector leg, it is found only as the words find it.
        List<SearchResult> hybrid = store.search(query(name, SearchMode.HYBRID).vectors(List.of(vectors.get(3)))
                .texts(List.of("parseHttpDate")).vectorFilter(ne("language", lang)).topK(6).build()).getFirst();
        assertThat(hybrid).extracting(SearchResult::id).contains("d0").doesNotContain("d3");
        List<SearchResult> lexical = store.search(query(name, SearchMode.LEXICAL).texts(List.of("pad string formatting"))
                .vectorFilter(ne("language", lang)).build()).getFirst();
        assertThat(lexical.getFirst().id()).isEqualTo("d3");
    }

    @Test
    void aRowWithoutAVectorIsFoundByWordsAndFiltersButNeverByVectorsOrIsRefused() {
        Random random = new Random(24);
        List<float[]> vectors = CODE.stream().map(c -> ContractFixtures.vector(random)).toList();
        String name = codeCollection(CODE, vectors);
        Map<String, Object> m = ContractFixtures.metadata(9, random);
        m.put("content", "def compute_checksum_crc32(data): return zlib.crc32(data)");
        java.util.List<float[]> none = new ArrayList<>();
        none.add(null);
        if (!store.storesRowsWithoutVectors()) {
            assertThatThrownBy(() -> store.upsert(name, none, List.of(m), List.of("novec")))
                    .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("vector");
            assertThat(store.count(name, null)).isEqualTo(CODE.size());
            return;
        }
        store.upsert(name, none, List.of(m), List.of("novec"));
        assertThat(store.count(name, null)).isEqualTo(CODE.size() + 1);
        assertThat(store.get(name, List.of("novec")).getFirst().vector()).isNull();
        assertThat(top(query(name, SearchMode.LEXICAL).texts(List.of("compute_checksum_crc32")).build())).isEqualTo("novec");
        assertThat(top(query(name, SearchMode.HYBRID).vectors(List.of(vectors.get(2)))
                .texts(List.of("compute_checksum_crc32")).topK(7).build())).isIn("novec", "d2");
        List<SearchResult> dense = store.search(query(name, SearchMode.DENSE).vectors(List.of(vectors.get(2)))
                .topK(7).build()).getFirst();
        assertThat(dense).hasSize(CODE.size()).extracting(SearchResult::id).doesNotContain("novec");
        // Given its vector later, it is found by it.
        store.upsert(name, List.of(vectors.get(2)), List.of(m), List.of("novec"));
        assertThat(store.search(query(name, SearchMode.DENSE).vectors(List.of(vectors.get(2))).topK(7).build())
                .getFirst()).extracting(SearchResult::id).contains("novec");
    }

    private String top(SearchRequest request) {
        List<SearchResult> hits = store.search(request).getFirst();
        assertThat(hits).as("hits for %s", request.texts()).isNotEmpty();
        return hits.getFirst().id();
    }

    private static List<String> bruteForce(DistanceMetric metric, Batch b, float[] query, int k) {
        return IntStream.range(0, b.size()).boxed()
                .sorted(Comparator.comparingDouble(i -> -metric.score(query, b.vectors().get(i))))
                .limit(k).map(b.ids()::get).toList();
    }
}
