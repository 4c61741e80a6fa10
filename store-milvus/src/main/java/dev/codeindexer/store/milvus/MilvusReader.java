package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.StoredRow;
import dev.codeindexer.store.filter.Filter;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import io.milvus.v2.service.vector.request.QueryReq;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads that are not searches: rows by id, counts, and the ids matching a filter. */
final class MilvusReader {
    private final MilvusConfig config;
    private final ConsistencyLevel consistency;
    private final MilvusCollections collections;

    MilvusReader(MilvusConfig config, ConsistencyLevel consistency, MilvusCollections collections) {
        this.config = config;
        this.consistency = consistency;
        this.collections = collections;
    }

    /** The rows with these ids, in the order given; ids that do not exist are left out. */
    List<StoredRow> get(String collection, List<String> ids) {
        CollectionSpec spec = collections.describe(collection);
        List<String> fields = new ArrayList<>(spec.schema().keySet());
        fields.add(CollectionSpec.VECTOR_FIELD);
        Map<String, StoredRow> found = new HashMap<>();
        MilvusPlacement placement = collections.placement(collection);
        for (Map<String, Object> entity : queryByIds(collection, ids, fields)) {
            String id = placement.id((String) entity.get(CollectionSpec.ID_FIELD));
            found.put(id, new StoredRow(id, MilvusResults.vector(entity.get(CollectionSpec.VECTOR_FIELD)),
                    MilvusResults.metadata(spec, entity, List.of())));
        }
        return ids.stream().filter(found::containsKey).map(found::get).toList();
    }

    long count(String collection, Filter filter) {
        CollectionSpec spec = collections.describe(collection);
        MilvusPlacement placement = collections.placement(collection);
        String expression = placement.filter(MilvusFilters.expression(filter, spec.schema(), collection));
        return collections.readLoaded(collection, MilvusOperation.COUNT, client -> {
            QueryReq.QueryReqBuilder q = QueryReq.builder().collectionName(placement.physical())
                    .outputFields(List.of("count(*)"))
                    .consistencyLevel(consistency);
            if (!expression.isEmpty()) {
                q.filter(expression);
            }
            return ((Number) client.query(q.build()).getQueryResults().getFirst().getEntity().get("count(*)")).longValue();
        });
    }

    /** Of {@code ids}, those that exist, in the order given. */
    List<String> existingIds(String collection, List<String> ids) {
        MilvusPlacement placement = collections.placement(collection);
        Set<Object> found = new HashSet<>();
        for (Map<String, Object> entity : queryByIds(collection, ids, List.of(CollectionSpec.ID_FIELD))) {
            found.add(placement.id((String) entity.get(CollectionSpec.ID_FIELD)));
        }
        return ids.stream().distinct().filter(found::contains).toList();
    }

    /** The entities with these ids, their keys as they are on the server. */
    private List<Map<String, Object>> queryByIds(String collection, List<String> ids, List<String> fields) {
        MilvusPlacement placement = collections.placement(collection);
        List<String> rowIds = placement.rowIds(ids);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int from = 0; from < rowIds.size(); from += config.batchSize()) {
            List<Object> batch = List.copyOf(rowIds.subList(from, Math.min(rowIds.size(), from + config.batchSize())));
            collections.readLoaded(collection, MilvusOperation.GET, client -> {
                client.query(QueryReq.builder().collectionName(placement.physical()).ids(batch).outputFields(fields)
                        .consistencyLevel(consistency).build()).getQueryResults().forEach(r -> out.add(r.getEntity()));
                return null;
            });
        }
        return out;
    }

    /**
     * Every id matching {@code expression} (the collection's own scope is added here), paged with a query iterator
     * (plain queries stop at 16,384 rows).
     */
    List<String> matchingIds(String collection, String expression) {
        MilvusPlacement placement = collections.placement(collection);
        return collections.readLoaded(collection, MilvusOperation.SCAN, client -> {
            List<String> ids = new ArrayList<>();
            QueryIterator pages = client.queryIterator(QueryIteratorReq.builder().collectionName(placement.physical())
                    .expr(placement.filter(expression)).outputFields(List.of(CollectionSpec.ID_FIELD))
                    .batchSize(config.batchSize()).consistencyLevel(consistency).build());
            try {
                for (List<QueryResultsWrapper.RowRecord> page = pages.next(); !page.isEmpty(); page = pages.next()) {
                    page.forEach(row -> ids.add(placement.id((String) row.get(CollectionSpec.ID_FIELD))));
                }
            } finally {
                pages.close();
            }
            return ids;
        });
    }
}
