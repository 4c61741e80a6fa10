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
 * whether a collection is loaded is remembered too, so that reads do not ask before every search. With
 * {@code shared_collection} set, collections are slices of shared Milvus collections ({@link MilvusSharedCollections})
 * and everything about the Milvus collection (load, flush, index) is about the one holding the rows.
 */
final class MilvusCollections {
    private static final Logger log = LoggerFactory.getLogger(MilvusCollections.class);

    private final MilvusConfig config;
    private final ConsistencyLevel consistency;
    private final Supplier<MilvusConnection> connection;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> loaded = ConcurrentHashMap.newKeySet();
    /** Null unless {@code shared_collection} is set. */
    private final MilvusSharedCollections shared;

    MilvusCollections(MilvusConfig config, ConsistencyLevel consistency, Supplier<MilvusConnection> connection) {
        this.config = config;
        this.consistency = consistency;
        this.connection = connection;
        this.shared = config.isShared() ? new MilvusSharedCollections(config, connection, this::ensureLoaded) : null;
    }

    /**
     * A collection as this store created it: its spec, its hidden BM25 columns (none without a TEXT field), and where
     * its rows are.
     */
    record Known(CollectionSpec spec, List<LexicalColumn> lexicalColumns, MilvusPlacement placement) {
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
        if (shared != null) {
            String physical = shared.physicalFor(spec);
            createOnServer(MilvusSharedCollections.layout(spec, physical));
            known.put(spec.name(), shared.register(spec, physical));
            return;
        }
        createOnServer(spec);
        known.put(spec.name(), new Known(spec, MilvusSchema.lexicalColumns(spec), MilvusPlacement.own(spec.name())));
    }

    /** Creates the Milvus collection for {@code spec} unless it exists (a shared one is made once for many). */
    private void createOnServer(CollectionSpec spec) {
        CreateCollectionReq.CreateCollectionReqBuilder request = CreateCollectionReq.builder()
                .collectionName(spec.name())
                .description(shared == null ? "Code Indexer collection" : "Code Indexer shared collection")
                .collectionSchema(MilvusSchema.schema(spec, config))
                .indexParams(MilvusSchema.indexes(spec, config))
                .consistencyLevel(consistency)
                .property(MilvusSchema.SPEC_PROPERTY, CollectionSpecJson.write(spec));
        connection.get().call(MilvusOperation.CREATE_COLLECTION, spec.name(), (client, attempt) -> {
            // A retry after a lost reply, or another process sharing the collection, finds it created.
            if ((attempt == 0 && shared == null)
                    || !client.hasCollection(HasCollectionReq.builder().collectionName(spec.name()).build())) {
                client.createCollection(request.build());
                log.debug("created Milvus collection {} ({} dims, {}, index {})", spec.name(), spec.dimension(),
                        spec.metric(), config.indexType());
            }
            return null;
        });
    }

    boolean has(String name) {
        if (shared != null) {
            // Asked of the server each time, as for a collection of its own: another process may have dropped it.
            Known found = shared.find(name);
            if (found == null) {
                forget(name);
                return false;
            }
            known.put(name, found);
            return true;
        }
        return connection.get().call(MilvusOperation.HAS_COLLECTION, name,
                (client, attempt) -> client.hasCollection(HasCollectionReq.builder().collectionName(name).build()));
    }

    /** The spec the collection was created with. */
    CollectionSpec describe(String name) {
        return known(name).spec();
    }

    /** Where the collection's rows are on the server. */
    MilvusPlacement placement(String name) {
        return known(name).placement();
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
        if (shared != null) {
            Known found = shared.find(name);
            if (found == null) {
                throw new CollectionNotFoundException(name);
            }
            known.put(name, found);
            return found;
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
        Known entry = new Known(spec, MilvusSchema.lexicalColumns(spec, columns), MilvusPlacement.own(name));
        known.put(name, entry);
        return entry;
    }

    void drop(String name) {
        if (shared != null) {
            Known found = shared.find(name);
            if (found != null) {
                shared.unregister(name, found.placement());
            }
            forget(name);
            return;
        }
        connection.get().call(MilvusOperation.DROP_COLLECTION, name, (client, attempt) -> {
            client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
            return null;
        });
        forget(name);
    }

    /**
     * Forgets what is known about a collection that was dropped or found missing; a shared Milvus collection that
     * is gone takes what is known of every collection it held with it.
     */
    void forget(String name) {
        known.remove(name);
        loaded.remove(name);
        known.values().removeIf(k -> k.placement().physical().equals(name));
    }

    /** Forgets every collection, as after a disconnect. */
    void forgetAll() {
        known.clear();
        loaded.clear();
    }

    List<String> list() {
        if (shared != null) {
            return shared.names();
        }
        return connection.get().call(MilvusOperation.LIST_COLLECTIONS, null,
                (client, attempt) -> client.listCollections().getCollectionNames().stream().sorted().toList());
    }

    void load(String name) {
        loadPhysical(physical(name));
    }

    private void loadPhysical(String physical) {
        connection.get().call(MilvusOperation.LOAD, physical, (client, attempt) -> {
            client.loadCollection(LoadCollectionReq.builder().collectionName(physical).sync(true).build());
            return null;
        });
        loaded.add(physical);
    }

    /** Releases the Milvus collection; a shared one is released for every collection it holds. */
    void release(String name) {
        String physical = physical(name);
        connection.get().call(MilvusOperation.RELEASE, physical, (client, attempt) -> {
            client.releaseCollection(ReleaseCollectionReq.builder().collectionName(physical).build());
            return null;
        });
        loaded.remove(physical);
    }

    boolean isLoaded(String name) {
        return isLoadedPhysical(physical(name));
    }

    private boolean isLoadedPhysical(String physical) {
        return connection.get().call(MilvusOperation.LOAD_STATE, physical,
                (client, attempt) -> client.getLoadState(GetLoadStateReq.builder().collectionName(physical).build()));
    }

    void flush(String name) {
        String physical = physical(name);
        connection.get().call(MilvusOperation.FLUSH, physical, (client, attempt) -> {
            client.flush(FlushReq.builder().collectionNames(List.of(physical)).build());
            return null;
        });
    }

    DescribeIndexResp.IndexDesc describeVectorIndex(String name) {
        String physical = physical(name);
        return connection.get().call(MilvusOperation.DESCRIBE_INDEX, physical, (client, attempt) -> client.describeIndex(
                DescribeIndexReq.builder().collectionName(physical).fieldName(CollectionSpec.VECTOR_FIELD).build())
                .getIndexDescByFieldName(CollectionSpec.VECTOR_FIELD));
    }

    List<String> indexedFields(String name) {
        String physical = physical(name);
        return connection.get().call(MilvusOperation.LIST_INDEXES, physical, (client, attempt) -> client.listIndexes(
                ListIndexesReq.builder().collectionName(physical).build()).stream().map(index -> client.describeIndex(
                DescribeIndexReq.builder().collectionName(physical).indexName(index).build()).getIndexDescriptions()
                .getFirst().getFieldName()).toList());
    }

    /** The Milvus collection holding {@code name}'s rows (itself unless shared). */
    private String physical(String name) {
        return shared == null ? name : placement(name).physical();
    }

    /** The Milvus collection as the server describes it (for a shared one, the collection holding {@code name}). */
    DescribeCollectionResp describeOnServer(String name) {
        String physical = physical(name);
        return connection.get().call(MilvusOperation.DESCRIBE_COLLECTION, physical,
                (client, attempt) -> client.describeCollection(DescribeCollectionReq.builder().collectionName(physical).build()));
    }

    /** Loads the Milvus collection {@code physical} unless this process has seen it loaded or the server has it. */
    private void ensureLoaded(String physical) {
        if (!loaded.contains(physical)) {
            connection.get().call(MilvusOperation.LOAD, physical, (client, attempt) -> {
                if (!client.getLoadState(GetLoadStateReq.builder().collectionName(physical).build())) {
                    client.loadCollection(LoadCollectionReq.builder().collectionName(physical).sync(true).build());
                }
                return null;
            });
            loaded.add(physical);
        }
    }

    /**
     * A read of {@code collection}'s rows: loads the Milvus collection holding them first when this process has not
     * seen it loaded. Errors name {@code collection}.
     */
    <T> T readLoaded(String name, MilvusOperation operation, Function<MilvusClientV2, T> read) {
        String collection = physical(name);
        ensureLoaded(collection);
        try {
            return connection.get().call(operation, name, (client, attempt) -> read.apply(client));
        } catch (StoreConnectionException | CollectionNotFoundException e) {
            throw e;
        } catch (VectorStoreException e) {
            // Released behind our back (another process, or a server restart that forgot the load): the SDK
            // cannot always decode that error, so ask the server directly, load, and retry once.
            if (isLoadedPhysical(collection)) {
                throw e;
            }
            loadPhysical(collection);
            return connection.get().call(operation, name, (client, attempt) -> read.apply(client));
        }
    }
}
