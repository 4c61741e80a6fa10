package dev.codeindexer.store;

import dev.codeindexer.error.CallerError;
import java.util.List;

/** {@code insert} was given ids that already exist (or repeat within the request); use {@code upsert} to replace. */
public class DuplicateIdException extends VectorStoreException implements CallerError {
    private final List<String> ids;

    public DuplicateIdException(String collection, List<String> ids) {
        super("collection '" + collection + "' already holds (or the request repeats) ids " + preview(ids)
                + "; use upsert to replace existing rows");
        this.ids = List.copyOf(ids);
    }

    public List<String> ids() {
        return ids;
    }

    private static String preview(List<String> ids) {
        return ids.size() <= 5 ? ids.toString() : ids.subList(0, 5) + " and " + (ids.size() - 5) + " more";
    }
}
