package dev.codeindexer.store.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.codeindexer.config.MilvusConfig;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DuplicateIdException;
import dev.codeindexer.store.Rows;
import dev.codeindexer.store.StoredRow;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.milvus.MilvusSchema.LexicalColumn;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes: rows encoded as Milvus takes them (with the code tokens of their TEXT fields in the hidden BM25 columns),
 * sent in batches of {@code batch_size}, and deletes.
 *
 * <p>Where the API promises more than Milvus gives, the writer does the extra work: insert refuses existing ids
 * (Milvus would keep both rows), delete by ids counts only rows that existed (Milvus counts every id sent), and
 * delete by filter pages through the matching ids with a query iterator so that its count is exact and a retry is
 * harmless.
 */
final class MilvusWriter {
    private final MilvusConfig config;
    private final Supplier<MilvusConnection> connection;
    private final MilvusCollections collections;
    private final MilvusReader reader;

    MilvusWriter(MilvusConfig config, Supplier<MilvusConnection> connection, MilvusCollections collections,
                 MilvusReader reader) {
        this.config = config;
        this.connection = connection;
        this.collections = collections;
        this.reader = reader;
    }

    List<String> insert(String collection, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids) {
        CollectionSpec spec = collections.describe(collection);
        List<StoredRow> rows = Rows.prepare(spec, vectors, metadata, ids);
        List<String> rowIds = rows.stream().map(StoredRow::id).toList();
        if (ids != null) {
            List<String> existing = reader.existingIds(collection, rowIds);
            if (!existing.isEmpty()) {
                throw new DuplicateIdException(collection, existing);
            }
        }
        write(spec, rows, false);
        return rowIds;
    }

    List<String> upsert(String collection, List<float[]> vectors, List<Map<String, Object>> metadata, List<String> ids) {
        CollectionSpec spec = collections.describe(collection);
        List<StoredRow> rows = Rows.prepare(spec, vectors, metadata, ids);
        write(spec, rows, true);
        return rows.stream().map(StoredRow::id).toList();
    }

    private void write(CollectionSpec spec, List<StoredRow> rows, boolean upsert) {
        String name = spec.name();
        List<LexicalColumn> lexical = collections.lexicalColumns(name);
        for (int from = 0; from < rows.size(); from += config.batchSize()) {
            List<JsonObject> batch = rows.subList(from, Math.min(rows.size(), from + config.batchSize())).stream()
                    .map(row -> json(lexical, row)).toList();
            connection.get().call(upsert ? MilvusOperation.UPSERT : MilvusOperation.INSERT, name, (client, attempt) -> {
                // Every row has an id by now, so a retried insert becomes an upsert: if the first attempt reached
                // the server before the reply was lost, its rows are replaced, not added a second time.
                if (upsert || attempt > 0) {
                    return client.upsert(UpsertReq.builder().collectionName(name).data(batch).build()).getUpsertCnt();
                }
                return client.insert(InsertReq.builder().collectionName(name).data(batch).build()).getInsertCnt();
            });
        }
    }

    /** A row as the SDK takes it: id, vector, metadata, and the text of the hidden lexical columns. */
    private static JsonObject json(List<LexicalColumn> lexical, StoredRow row) {
        JsonObject o = new JsonObject();
        o.addProperty(CollectionSpec.ID_FIELD, row.id());
        JsonArray vector = new JsonArray(row.vector().length);
        for (float f : row.vector()) {
            vector.add(f);
        }
        o.add(CollectionSpec.VECTOR_FIELD, vector);
        row.metadata().forEach((field, value) -> {
            switch (value) {
                case String s -> o.addProperty(field, s);
                case Number n -> o.addProperty(field, n);
                case Boolean b -> o.addProperty(field, b);
                case List<?> list -> {
                    JsonArray array = new JsonArray(list.size());
                    list.forEach(v -> {
                        if (v instanceof Number n) {
                            array.add(n);
                        } else {
                            array.add((String) v);
                        }
                    });
                    o.add(field, array);
                }
                default -> throw new IllegalStateException("unexpected normalised value " + value.getClass());
            }
        });
        for (LexicalColumn column : lexical) {
            o.addProperty(column.text(), MilvusSchema.lexicalText(column, row.metadata()));
        }
        return o;
    }

    long delete(String collection, List<String> ids) {
        collections.describe(collection);
        List<String> existing = reader.existingIds(collection, ids);
        deleteIds(collection, existing);
        return existing.size();
    }

    long delete(String collection, Filter filter) {
        if (filter == null) {
            throw new IllegalArgumentException("delete by filter needs a filter; drop the collection to delete everything");
        }
        CollectionSpec spec = collections.describe(collection);
        String expression = MilvusFilters.expression(filter, spec.schema(), collection);
        List<String> ids = reader.matchingIds(collection, expression);
        deleteIds(collection, ids);
        return ids.size();
    }

    private void deleteIds(String collection, List<String> ids) {
        for (int from = 0; from < ids.size(); from += config.batchSize()) {
            List<Object> batch = List.copyOf(ids.subList(from, Math.min(ids.size(), from + config.batchSize())));
            connection.get().call(MilvusOperation.DELETE, collection, (client, attempt) ->
                    client.delete(DeleteReq.builder().collectionName(collection).ids(batch).build()).getDeleteCnt());
        }
    }
}
