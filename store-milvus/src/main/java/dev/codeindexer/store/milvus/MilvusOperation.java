package dev.codeindexer.store.milvus;

import java.util.Locale;

/** The calls the store makes to Milvus: the {@code operation} label of its retry metric and the verb of its errors. */
enum MilvusOperation {
    HAS_COLLECTION, CREATE_COLLECTION, DESCRIBE_COLLECTION, DROP_COLLECTION, LIST_COLLECTIONS,
    LOAD, RELEASE, LOAD_STATE, FLUSH, DESCRIBE_INDEX, LIST_INDEXES,
    INSERT, UPSERT, DELETE,
    GET, SCAN, COUNT, SEARCH, LEXICAL_SEARCH, HYBRID_SEARCH;

    /** The metric label: the name in lower case, as {@code MeteredVectorStore} names its operations. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the call sends rows, so that a refusal means the rows do not fit the collection. */
    boolean writesRows() {
        return this == INSERT || this == UPSERT;
    }

    /** {@code "insert on collection 'code'"}, for messages; {@code collection} may be null. */
    String describe(String collection) {
        String verb = label().replace('_', ' ');
        return collection == null ? verb : verb + " on collection '" + collection + "'";
    }
}
