package dev.codeindexer.store.milvus;

import static dev.codeindexer.store.filter.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.config.ConfigException;
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
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many codebases in one Milvus collection ({@code shared_collection}): each sees only its own rows, counts and
 * deletes are exact per codebase, and the server holds one collection for all of them.
 */
class MilvusSharedCollectionTest {
    private final String shared = "ci_shared_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<MilvusVectorStore> stores = new ArrayList<>();

    private MilvusVectorStore store(String yaml) {
        MilvusVectorStore store = new MilvusVectorStore(MilvusTestServer.config(yaml));
        store.connect();
        stores.add(store);
        return store;
    }

    private MilvusVectorStore sharedStore() {
        return store("shared_collection: " + shared);
    }

    @AfterEach
    void dropShared() {
        MilvusVectorStore plain = store("");
        plain.listCollections().stream().filter(name -> name.startsWith(shared)).forEach(plain::dropCollection);
        stores.forEach(MilvusVectorStore::close);
    }

    private static CollectionSpec spec(String name) {
        return new CollectionSpec(name, ContractFixtures.DIM, ContractFixtures.SCHEMA, DistanceMetric.COSINE,
                Map.of("codebase", name));
    }

    @Test
    void twentyCodebasesInOneCollectionEachSeeOnlyTheirOwnRows() {
        MilvusVectorStore store = sharedStore();
        List<String> codebases = new ArrayList<>();
        for (int c = 0; c < 20; c++) {
            String name = "code_" + c;
            codebases.add(name);
            store.createCollection(spec(name));
            // The same ids in every codebase, as two clones of one repository give: r0, r1, ...
            Batch rows = ContractFixtures.rows(10 + c, c);
            store.insert(name, rows.vectors(), rows.metadata(), rows.ids());
        }
        assertThat(store.listCollections()).containsExactlyInAnyOrderElementsOf(codebases);
        MilvusVectorStore plain = store("");
        assertThat(plain.listCollections()).contains(shared).noneMatch(codebases::contains);
        assertThat(store.describeOnServer("code_3").getCollectionSchema().getFieldSchemaList())
                .filteredOn(CreateCollectionReq.FieldSchema::getIsPartitionKey)
                .extracting(CreateCollectionReq.FieldSchema::getName).containsExactly(MilvusPlacement.SCOPE_FIELD);

        for (int c = 0; c < 20; c++) {
            assertThat(store.count("code_" + c, null)).as("code_" + c).isEqualTo(10 + c);
        }
        // The nearest row to code_7's own r3 is that row, found in code_7 only, whatever the filter.
        Batch seven = ContractFixtures.rows(17, 7);
        for (SearchMode mode : SearchMode.values()) {
            List<SearchResult> hits = store.search(new SearchRequest("code_7", List.of(seven.vectors().get(3)),
                    List.of("handler3 file3"), mode, 50, null, List.of("content"), Fusion.DEFAULT, null)).getFirst();
            assertThat(hits).as(mode.name()).isNotEmpty().hasSizeLessThanOrEqualTo(17)
                    .allSatisfy(hit -> assertThat(hit.id()).matches("r\\d+"));
            assertThat(hits.getFirst().id()).as(mode.name()).isEqualTo("r3");
            assertThat(hits.getFirst().metadata().get("content")).isEqualTo(seven.metadata().get(3).get("content"));
        }
        assertThat(store.count("code_7", eq("language", "java"))).isEqualTo(5);
        assertThat(store.get("code_7", List.of("r16", "r17", "r0"))).extracting(r -> r.id()).containsExactly("r16", "r0");
        assertThat(store.get("code_7", List.of("r3")).getFirst().metadata().get("content"))
                .isEqualTo(seven.metadata().get(3).get("content"));

        // Deletes reach only their codebase and count only its rows.
        assertThat(store.delete("code_7", List.of("r0", "r1", "r99"))).isEqualTo(2);
        // python rows are r1, r5, r9, r13; r1 is gone already.
        assertThat(store.delete("code_7", eq("language", "python"))).isEqualTo(3);
        assertThat(store.count("code_7", null)).isEqualTo(12);
        assertThat(store.count("code_8", null)).isEqualTo(18);

        store.dropCollection("code_12");
        assertThat(store.hasCollection("code_12")).isFalse();
        assertThat(store.listCollections()).hasSize(19).doesNotContain("code_12");
        for (int c = 0; c < 20; c++) {
            if (c != 12) {
                assertThat(store.count("code_" + c, null)).as("code_" + c).isEqualTo(c == 7 ? 12 : 10 + c);
            }
        }
        assertThatThrownBy(() -> store.count("code_12", null)).isInstanceOf(CollectionNotFoundException.class);
        // A new collection of the dropped name starts empty.
        store.createCollection(spec("code_12"));
        assertThat(store.count("code_12", null)).isZero();
    }

    @Test
    void anotherProcessSeesCreatesAndDrops() {
        MilvusVectorStore one = sharedStore();
        MilvusVectorStore two = sharedStore();
        one.createCollection(spec("code_a"));
        Batch rows = ContractFixtures.rows(5, 1);
        one.insert("code_a", rows.vectors(), rows.metadata(), rows.ids());
        assertThat(two.hasCollection("code_a")).isTrue();
        assertThat(two.describeCollection("code_a").properties()).containsEntry("codebase", "code_a");
        assertThat(two.count("code_a", null)).isEqualTo(5);
        one.dropCollection("code_a");
        assertThat(two.hasCollection("code_a")).isFalse();
        assertThat(two.listCollections()).doesNotContain("code_a");
    }

    @Test
    void aCollectionOfAnotherLayoutGetsAMilvusCollectionOfItsOwn() {
        MilvusVectorStore store = sharedStore();
        store.createCollection(spec("code_small"));
        CollectionSpec wide = new CollectionSpec("code_wide", 32, Map.of("file_path", FieldType.STRING),
                DistanceMetric.COSINE);
        store.createCollection(wide);
        assertThat(store.listCollections()).containsExactly("code_small", "code_wide");
        assertThat(store.describeCollection("code_wide").dimension()).isEqualTo(32);
        String physical = store.describeOnServer("code_wide").getCollectionName();
        assertThat(physical).matches(shared + "_[0-9a-f]{8}");
        assertThat(store.describeOnServer("code_small").getCollectionName()).isEqualTo(shared);

        Random random = new Random(3);
        float[] v = new float[32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        store.insert("code_wide", List.of(v), List.of(Map.of("file_path", "a.go")), List.of("x"));
        assertThat(store.search("code_wide", List.of(v), 5, null, List.of()).getFirst())
                .extracting(SearchResult::id).containsExactly("x");
        assertThatThrownBy(() -> store.createCollection(new CollectionSpec("code_small", 32,
                Map.of("file_path", FieldType.STRING), DistanceMetric.COSINE)))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("dimension");
    }

    @Test
    void aMilvusCollectionThatIsNotSharedIsNotTakenOver() {
        store("").createCollection(spec(shared));
        MilvusVectorStore store = sharedStore();
        assertThatThrownBy(() -> store.createCollection(spec("code_a")))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("'" + shared + "'").hasMessageContaining("shared_collection");
    }

    @Test
    void configRefusesAPartitionKeyBesideASharedCollectionAndBadNames() {
        assertThatThrownBy(() -> MilvusTestServer.config("shared_collection: team\npartition_key: language"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("remove partition_key");
        assertThatThrownBy(() -> MilvusTestServer.config("shared_collection: my-team"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shared_collection");
        assertThat(MilvusTestServer.config("shared_collection: team").isShared()).isTrue();
        assertThat(MilvusTestServer.config("").isShared()).isFalse();
        assertThat(MilvusTestServer.config("shared_collection: team").toString()).contains("sharedCollection=team");
    }
}
