package dev.codeindexer.store.milvus;

import java.util.List;

/**
 * Where a collection's rows live on the server: in a Milvus collection of its own (the default), or, with
 * {@code vector_store.milvus.shared_collection}, as a slice of a collection that many share.
 *
 * <p>In a shared collection each row carries its collection's name in {@link #SCOPE_FIELD}, the partition key, so
 * Milvus keeps a codebase's rows together and a scoped search reads only their partition. Every read and delete is
 * narrowed by {@link #filter}, which the store adds itself, so no caller can reach another collection's rows by
 * forgetting a filter. Ids are prefixed with the collection's name: two clones index the same paths under the same
 * chunk ids, and a primary key must be unique in the whole Milvus collection.
 *
 * @param physical the Milvus collection that holds the rows
 * @param scope    the collection's name inside a shared one, or null for a collection of its own
 */
record MilvusPlacement(String physical, String scope) {
    /** The partition-key column of a shared collection: the name of the collection each row belongs to. */
    static final String SCOPE_FIELD = "ci_collection";
    /** Collection names are {@code [A-Za-z0-9_]}, so this cannot occur in the prefix it ends. */
    private static final char ID_SEPARATOR = ':';

    static MilvusPlacement own(String name) {
        return new MilvusPlacement(name, null);
    }

    static MilvusPlacement shared(String physical, String collection) {
        return new MilvusPlacement(physical, collection);
    }

    boolean isShared() {
        return scope != null;
    }

    /** The primary key on the server of the row the caller calls {@code id}. */
    String rowId(String id) {
        return scope == null ? id : scope + ID_SEPARATOR + id;
    }

    List<String> rowIds(List<String> ids) {
        return scope == null ? ids : ids.stream().map(this::rowId).toList();
    }

    /** The caller's id of a row whose primary key on the server is {@code rowId}. */
    String id(String rowId) {
        return scope == null ? rowId : rowId.substring(scope.length() + 1);
    }

    /** The expression narrowed to this collection's rows; {@code expression} is empty when it matches everything. */
    String filter(String expression) {
        if (scope == null) {
            return expression;
        }
        String own = scopeExpression();
        return expression.isEmpty() ? own : own + " and (" + expression + ")";
    }

    /** The expression matching every row of this collection in its shared one. */
    String scopeExpression() {
        return SCOPE_FIELD + " == " + MilvusFilters.quote(scope);
    }
}
