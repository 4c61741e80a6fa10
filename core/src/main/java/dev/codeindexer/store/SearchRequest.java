package dev.codeindexer.store;

import dev.codeindexer.store.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of vector queries against one collection. Build with {@link #builder(String)}.
 *
 * @param collection   the collection to search
 * @param vectors      one query vector per query; results come back in the same order
 * @param topK         the most hits per query, 1..16384
 * @param filter       metadata filter applied before ranking, or null for none
 * @param outputFields metadata fields to return with each hit; empty means all of them
 */
public record SearchRequest(String collection, List<float[]> vectors, int topK, Filter filter, List<String> outputFields) {

    public SearchRequest {
        Objects.requireNonNull(collection, "collection");
        if (vectors == null || vectors.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one query vector");
        }
        vectors.forEach(v -> Objects.requireNonNull(v, "query vector"));
        vectors = List.copyOf(vectors);
        if (topK < 1 || topK > 16_384) {
            throw new IllegalArgumentException("topK must be between 1 and 16384, got " + topK);
        }
        outputFields = outputFields == null ? List.of() : List.copyOf(outputFields);
    }

    public static Builder builder(String collection) {
        return new Builder(collection);
    }

    /** Collects the optional parts of a {@link SearchRequest}. */
    public static final class Builder {
        private final String collection;
        private final List<float[]> vectors = new ArrayList<>();
        private int topK = 10;
        private Filter filter;
        private List<String> outputFields = List.of();

        private Builder(String collection) {
            this.collection = collection;
        }

        public Builder vector(float[] vector) {
            vectors.add(vector);
            return this;
        }

        public Builder vectors(List<float[]> vectors) {
            this.vectors.addAll(vectors);
            return this;
        }

        public Builder topK(int topK) {
            this.topK = topK;
            return this;
        }

        public Builder filter(Filter filter) {
            this.filter = filter;
            return this;
        }

        public Builder outputFields(List<String> outputFields) {
            this.outputFields = outputFields;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(collection, vectors, topK, filter, outputFields);
        }
    }
}
