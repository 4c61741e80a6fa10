package dev.codeindexer.store.milvus;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DuplicateIdException;
import dev.codeindexer.store.RowTooLargeException;
import dev.codeindexer.store.Rows;
import dev.codeindexer.store.StoredRow;
import dev.codeindexer.store.VectorStoreException;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.milvus.MilvusSchema.LexicalColumn;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes: rows encoded as Milvus takes them (with the code tokens of their TEXT fields in the hidden BM25 columns),
 * sent in batches of {@code batch_size} (split further when a batch exceeds the gRPC message limit), and deletes.
 *
 * <p>Where the API promises more than Milvus gives, the writer does the extra work: insert refuses existing ids
 * (Milvus would keep both rows), delete by ids counts only rows that existed (Milvus counts every id sent), and
 * delete by filter pages through the matching ids with a query iterator so that its count is exact and a retry is
 * harmless.
 */
final class MilvusWriter {
    private static final Logger log = LoggerFactory.getLogger(MilvusWriter.class);

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
        MilvusPlacement placement = collections.placement(name);
        List<RowTooLargeException> refused = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += config.batchSize()) {
            List<StoredRow> batch = rows.subList(from, Math.min(rows.size(), from + config.batchSize()));
            send(name, placement.physical(), batch, batch.stream().map(row -> json(lexical, placement, row)).toList(),
                    upsert, refused);
        }
        if (!refused.isEmpty()) {
            RowTooLargeException first = refused.getFirst();
            refused.subList(1, refused.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    /**
     * Sends one batch ({@code encoded} holds {@code rows} as the SDK takes them). A server refuses a message above
     * its gRPC size limit whole, before reading it (RESOURCE_EXHAUSTED, never retried), so nothing of the batch was
     * written: it is split in halves, each sent the same way, until the pieces fit. A row that does not fit alone
     * is added to {@code refused}, and the other rows are still written. {@code physical} is the Milvus collection
     * that holds {@code name}'s rows.
     */
    private void send(String name, String physical, List<StoredRow> rows, List<JsonObject> encoded, boolean upsert,
                      List<RowTooLargeException> refused) {
        try {
            connection.get().call(upsert ? MilvusOperation.UPSERT : MilvusOperation.INSERT, name, (client, attempt) -> {
                // Every row has an id by now, so a retried insert becomes an upsert: if the first attempt reached
                // the server before the reply was lost, its rows are replaced, not added a second time.
                if (upsert || attempt > 0) {
                    return client.upsert(UpsertReq.builder().collectionName(physical).data(encoded).build()).getUpsertCnt();
                }
                return client.insert(InsertReq.builder().collectionName(physical).data(encoded).build()).getInsertCnt();
            });
        } catch (VectorStoreException e) {
            if (!MilvusErrors.isTooLarge(e)) {
                throw e;
            }
            if (rows.size() == 1) {
                refused.add(new RowTooLargeException(name, rows.getFirst().id(),
                        encoded.getFirst().toString().getBytes(StandardCharsets.UTF_8).length,
                        "the Milvus server's gRPC message limit: " + MilvusErrors.reason(e), e));
                return;
            }
            log.debug("a batch of {} rows for {} is larger than a gRPC message may be; sending it in halves",
                    rows.size(), name);
            int half = rows.size() / 2;
            send(name, physical, rows.subList(0, half), encoded.subList(0, half), upsert, refused);
            send(name, physical, rows.subList(half, rows.size()), encoded.subList(half, encoded.size()), upsert, refused);
        }
    }

    /**
     * A row as the SDK takes it: id, vector, metadata, the text of the hidden lexical columns, and in a shared
     * collection the collection it belongs to.
     */
    private static JsonObject json(List<LexicalColumn> lexical, MilvusPlacement placement, StoredRow row) {
        JsonObject o = new JsonObject();
        o.addProperty(CollectionSpec.ID_FIELD, placement.rowId(row.id()));
        if (placement.isShared()) {
            o.addProperty(MilvusPlacement.SCOPE_FIELD, placement.scope());
        }
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
        MilvusPlacement placement = collections.placement(collection);
        List<String> rowIds = placement.rowIds(ids);
        for (int from = 0; from < rowIds.size(); from += config.batchSize()) {
            List<Object> batch = List.copyOf(rowIds.subList(from, Math.min(rowIds.size(), from + config.batchSize())));
            connection.get().call(MilvusOperation.DELETE, collection, (client, attempt) -> client.delete(
                    DeleteReq.builder().collectionName(placement.physical()).ids(batch).build()).getDeleteCnt());
        }
    }
}
