package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.CollectionSpecJson;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.VectorStoreException;
import dev.codeindexer.store.milvus.MilvusSchema.LexicalColumn;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.collection.request.ReleaseCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.index.request.ListIndexesReq;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.utility.request.FlushReq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Collection administration: create, describe, drop, list, load and release, flush, and the index descriptions.
 * Specs and BM25 columns are immutable once a collection exists, so each is read once per collection and process;
 * whether a collection is loaded is remembered too, so that reads do not ask before every search.
 */
final class MilvusCollections {
    private static final Logger log = LoggerFactory.getLogger(MilvusCollections.class);

    private final MilvusConfig config;
    private final ConsistencyLevel consistency;
    private final Supplier<MilvusConnection> connection;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();

    MilvusCollections(MilvusConfig config, ConsistencyLevel consistency, Supplier<MilvusConnection> connection) {
        this.config = config;
        this.consistency = consistency;
        this.connection = connection;
    }

    /** A collection as this store created it: its spec, and its hidden BM25 columns (none without a TEXT field). */
    private record Known(CollectionSpec spec, List<LexicalColumn> lexicalColumns) {
    }

    void create(CollectionSpec spec) {
        MilvusSchema.check(spec, config);
        if (has(spec.name())) {
            CollectionSpec existing = describe(spec.name());
            if (!existing.sameLayout(spec)) {
                throw new SchemaMismatchException("collection '" + spec.name() + "' exists on Milvus with another layout ("
                        + existing.describeDifference(spec) + "); drop it or use another collection name");
            }
            return;
        }
        CreateCollectionReq.CreateCollectionReqBuilder request = CreateCollectionReq.builder()
                .collectionName(spec.name())
                .description("Code Indexer collection")
                .collectionSchema(MilvusSchema.schema(spec, config))
                .indexParams(MilvusSchema.indexes(spec, config))
                .consistencyLevel(consistency)
                .property(MilvusSchema.SPEC_PROPERTY, CollectionSpecJson.write(spec));
        connection.get().call(MilvusOperation.CREATE_COLLECTION, spec.name(), (client, attempt) -> {
            // A retry after a lost reply finds the collection the first attempt created.
            if (attempt == 0 || !client.hasCollection(HasCollectionReq.builder().collectionName(spec.name()).build())) {
                client.createCollection(request.build());
            }
            return null;
        });
        known.put(spec.name(), new Known(spec, MilvusSchema.lexicalColumns(spec)));
        log.debug("created Milvus collection {} ({} dims, {}, index {})", spec.name(), spec.dimension(), spec.metric(),
                config.indexType());
    }

    boolean has(String name) {
        return connection.get().call(MilvusOperation.HAS_COLLECTION, name,
                (client, attempt) -> client.hasCollection(HasCollectionReq.builder().collectionName(name).build()));
    }

    /** The spec the collection was created with. */
    CollectionSpec describe(String name) {
        return known(name).spec();
    }

    /** The hidden BM25 columns of the collection, one per TEXT field (one for all in collections made before). */
    List<LexicalColumn> lexicalColumns(String name) {
        return known(name).lexicalColumns();
    }

    private Known known(String name) {
        Known cached = known.get(name);
        if (cached != null) {
            return cached;
        }
        DescribeCollectionResp described = describeOnServer(name);
        String json = described.getProperties() == null ? null : described.getProperties().get(MilvusSchema.SPEC_PROPERTY);
        if (json == null) {
            throw new SchemaMismatchException("Milvus collection '" + name + "' was not created by Code Indexer (it has no "
                    + MilvusSchema.SPEC_PROPERTY + " property); use another collection name");
        }
        CollectionSpec spec = CollectionSpecJson.read(json, "Milvus collection '" + name + "'");
        List<String> columns = described.getCollectionSchema().getFieldSchemaList().stream()
                .map(CreateCollectionReq.FieldSchema::getName).toList();
        Known entry = new Known(spec, MilvusSchema.lexicalColumns(spec, columns));
        known.put(name, entry);
        return entry;
    }

    void drop(String name) {
        connection.get().call(MilvusOperation.DROP_COLLECTION, name, (client, attempt) -> {
            client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
            return null;
        });
        forget(name);
    }

    /** Forgets what is known about a collection that was dropped or found missing. */
    void forget(String name) {
        known.remove(name);
        loaded.remove(name);
    }

    /** Forgets every collection, as after a disconnect. */
    void forgetAll() {
        known.clear();
        loaded.clear();
    }

    List<String> list() {
        return connection.get().call(MilvusOperation.LIST_COLLECTIONS, null,
                (client, attempt) -> client.listCollections().getCollectionNames().stream().sorted().toList());
    }

    void load(String name) {
        connection.get().call(MilvusOperation.LOAD, name, (client, attempt) -> {
            client.loadCollection(LoadCollectionReq.builder().collectionName(name).sync(true).build());
            return null;
        });
        loaded.add(name);
    }

    void release(String name) {
        connection.get().call(MilvusOperation.RELEASE, name, (client, attempt) -> {
            client.releaseCollection(ReleaseCollectionReq.builder().collectionName(name).build());
            return null;
        });
        loaded.remove(name);
    }

    boolean isLoaded(String name) {
        return connection.get().call(MilvusOperation.LOAD_STATE, name,
                (client, attempt) -> client.getLoadState(GetLoadStateReq.builder().collectionName(name).build()));
    }

    void flush(String name) {
        connection.get().call(MilvusOperation.FLUSH, name, (client, attempt) -> {
            client.flush(FlushReq.builder().collectionNames(List.of(name)).build());
            return null;
        });
    }

    DescribeIndexResp.IndexDesc describeVectorIndex(String name) {
        return connection.get().call(MilvusOperation.DESCRIBE_INDEX, name, (client, attempt) -> client.describeIndex(
                DescribeIndexReq.builder().collectionName(name).fieldName(CollectionSpec.VECTOR_FIELD).build())
                .getIndexDescByFieldName(CollectionSpec.VECTOR_FIELD));
    }

    List<String> indexedFields(String name) {
        return connection.get().call(MilvusOperation.LIST_INDEXES, name, (client, attempt) -> client.listIndexes(
                ListIndexesReq.builder().collectionName(name).build()).stream().map(index -> client.describeIndex(
                DescribeIndexReq.builder().collectionName(name).indexName(index).build()).getIndexDescriptions()
                .getFirst().getFieldName()).toList());
    }

    DescribeCollectionResp describeOnServer(String name) {
        return connection.get().call(MilvusOperation.DESCRIBE_COLLECTION, name,
                (client, attempt) -> client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build()));
    }

    /** A read on a loaded collection: loads it first when this process has not seen it loaded. */
    <T> T readLoaded(String collection, MilvusOperation operation, Function<MilvusClientV2, T> read) {
        if (!loaded.contains(collection)) {
            connection.get().call(MilvusOperation.LOAD, collection, (client, attempt) -> {
                if (!client.getLoadState(GetLoadStateReq.builder().collectionName(collection).build())) {
                    client.loadCollection(LoadCollectionReq.builder().collectionName(collection).sync(true).build());
                }
                return null;
            });
            loaded.add(collection);
        }
        try {
            return connection.get().call(operation, collection, (client, attempt) -> read.apply(client));
        } catch (StoreConnectionException | CollectionNotFoundException e) {
            throw e;
        } catch (VectorStoreException e) {
            // Released behind our back (another process, or a server restart that forgot the load): the SDK
            // cannot always decode that error, so ask the server directly, load, and retry once.
            if (isLoaded(collection)) {
                throw e;
            }
            load(collection);
            return connection.get().call(operation, collection, (client, attempt) -> read.apply(client));
        }
    }
}
