package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.CollectionSpecJson;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.milvus.MilvusCollections.Known;
import io.milvus.v2.service.collection.request.AlterCollectionPropertiesReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionPropertiesReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.vector.request.DeleteReq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The collections of a store configured with {@code vector_store.milvus.shared_collection}: each is a slice of one
 * Milvus collection ({@link MilvusPlacement}), so a team's hundred codebases cost one collection on a server or a
 * Zilliz Cloud tier that limits them.
 *
 * <p>The Milvus collection named in config holds every collection of its layout (dimension, metric, fields); a
 * collection of another layout (another model) goes to one named after that layout's hash ({@code NAME_1a2b3c4d}).
 * Which collections exist, with their specs, is kept in the Milvus collection's properties (one
 * {@code code_indexer.collection.NAME} entry each), so that a collection exists from its creation, before it has
 * rows, and every process sharing the server sees the same list.
 */
final class MilvusSharedCollections {
    private static final String COLLECTION_PROPERTY = "code_indexer.collection.";

    private final MilvusConfig config;
    private final Supplier<MilvusConnection> connection;
    private final Pattern physicalNames;
    /** Loads a Milvus collection unless it is: a delete by filter needs it loaded. */
    private final Consumer<String> ensureLoaded;

    MilvusSharedCollections(MilvusConfig config, Supplier<MilvusConnection> connection, Consumer<String> ensureLoaded) {
        this.config = config;
        this.connection = connection;
        this.ensureLoaded = ensureLoaded;
        this.physicalNames = Pattern.compile(Pattern.quote(config.sharedCollection()) + "(_[0-9a-f]{8})?");
    }

    /** The layout of {@code spec} as the Milvus collection {@code physical} has it: no properties of its own. */
    static CollectionSpec layout(CollectionSpec spec, String physical) {
        return new CollectionSpec(physical, spec.dimension(), spec.schema(), spec.metric());
    }

    /**
     * The Milvus collection for a new collection like {@code spec}: the configured one, unless it holds another
     * layout; then the one named after this layout.
     */
    String physicalFor(CollectionSpec spec) {
        String base = config.sharedCollection();
        CollectionSpec existing = layoutOnServer(base);
        if (existing == null || existing.sameLayout(layout(spec, base))) {
            return base;
        }
        String own = base + "_" + hash(layout(spec, base));
        CollectionSpec other = layoutOnServer(own);
        if (other != null && !other.sameLayout(layout(spec, own))) {
            throw new SchemaMismatchException("Milvus collection '" + own + "' holds another layout ("
                    + other.describeDifference(layout(spec, own)) + "); set vector_store.milvus.shared_collection to "
                    + "another name");
        }
        return own;
    }

    /** Records {@code spec} as a collection held by {@code physical}, which exists. */
    Known register(CollectionSpec spec, String physical) {
        MilvusPlacement placement = MilvusPlacement.shared(physical, spec.name());
        // A drop cut short leaves rows behind; they must not reappear in a new collection of the same name.
        deleteRows(placement);
        connection.get().call(MilvusOperation.CREATE_COLLECTION, spec.name(), (client, attempt) -> {
            client.alterCollectionProperties(AlterCollectionPropertiesReq.builder().collectionName(physical)
                    .property(COLLECTION_PROPERTY + spec.name(), CollectionSpecJson.write(spec)).build());
            return null;
        });
        return known(spec, placement);
    }

    /** Deletes the collection's rows, then its record; a failure in between leaves it empty, never half deleted. */
    void unregister(String name, MilvusPlacement placement) {
        deleteRows(placement);
        connection.get().call(MilvusOperation.DROP_COLLECTION, name, (client, attempt) -> {
            client.dropCollectionProperties(DropCollectionPropertiesReq.builder().collectionName(placement.physical())
                    .propertyKeys(List.of(COLLECTION_PROPERTY + name)).build());
            return null;
        });
    }

    /** The collection called {@code name}, or null when no shared Milvus collection records it. */
    Known find(String name) {
        for (String physical : physicals()) {
            String json = properties(physical).get(COLLECTION_PROPERTY + name);
            if (json != null) {
                CollectionSpec spec = CollectionSpecJson.read(json, "collection '" + name + "' in Milvus collection '"
                        + physical + "'");
                return known(spec, MilvusPlacement.shared(physical, name));
            }
        }
        return null;
    }

    /** Every collection the shared Milvus collections record, sorted. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (String physical : physicals()) {
            properties(physical).keySet().stream().filter(k -> k.startsWith(COLLECTION_PROPERTY))
                    .map(k -> k.substring(COLLECTION_PROPERTY.length())).forEach(names::add);
        }
        return names.stream().sorted().toList();
    }

    private static Known known(CollectionSpec spec, MilvusPlacement placement) {
        return new Known(spec, MilvusSchema.lexicalColumns(spec), placement);
    }

    private List<String> physicals() {
        return connection.get().call(MilvusOperation.LIST_COLLECTIONS, null, (client, attempt) ->
                client.listCollections().getCollectionNames().stream()
                        .filter(name -> physicalNames.matcher(name).matches()).sorted().toList());
    }

    private Map<String, String> properties(String physical) {
        Map<String, String> properties = describe(physical).getProperties();
        return properties == null ? Map.of() : properties;
    }

    private DescribeCollectionResp describe(String physical) {
        return connection.get().call(MilvusOperation.DESCRIBE_COLLECTION, physical, (client, attempt) ->
                client.describeCollection(DescribeCollectionReq.builder().collectionName(physical).build()));
    }

    /** The layout of the Milvus collection {@code physical}, or null when it does not exist. */
    private CollectionSpec layoutOnServer(String physical) {
        boolean exists = connection.get().call(MilvusOperation.HAS_COLLECTION, physical, (client, attempt) ->
                client.hasCollection(HasCollectionReq.builder().collectionName(physical).build()));
        if (!exists) {
            return null;
        }
        DescribeCollectionResp described = describe(physical);
        String json = described.getProperties() == null ? null : described.getProperties().get(MilvusSchema.SPEC_PROPERTY);
        boolean scoped = described.getCollectionSchema().getFieldSchemaList().stream()
                .map(CreateCollectionReq.FieldSchema::getName).anyMatch(MilvusPlacement.SCOPE_FIELD::equals);
        if (json == null || !scoped) {
            throw new SchemaMismatchException("Milvus collection '" + physical + "' exists but is not a collection "
                    + "Code Indexer shares between codebases; set vector_store.milvus.shared_collection to another name");
        }
        return CollectionSpecJson.read(json, "Milvus collection '" + physical + "'");
    }

    /** Deletes every row of the collection on the server, by its scope. */
    private void deleteRows(MilvusPlacement placement) {
        String physical = placement.physical();
        ensureLoaded.accept(physical);
        connection.get().call(MilvusOperation.DELETE, placement.scope(), (client, attempt) -> {
            client.delete(DeleteReq.builder().collectionName(physical).filter(placement.scopeExpression()).build());
            return null;
        });
    }

    private static String hash(CollectionSpec layout) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CollectionSpecJson.write(layout).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
