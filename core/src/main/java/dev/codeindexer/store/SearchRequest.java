package dev.codeindexer.store;

import dev.codeindexer.store.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of queries against one collection. Build with {@link #builder(String)}.
 *
 * @param collection   the collection to search
 * @param vectors      one query vector per query (dense and hybrid modes); results come back in query order
 * @param texts        one query text per query (lexical and hybrid modes), matched against the TEXT fields
 * @param mode         how to rank; see {@link SearchMode}
 * @param topK         the most hits per query, 1..16384
 * @param filter       metadata filter applied before ranking (to both legs of a hybrid search), or null for none
 * @param outputFields metadata fields to return with each hit; empty means all of them
 * @param fusion       how a hybrid search fuses its legs
 * @param vectorFilter a filter for the vector leg only (and-ed with {@code filter}), or null: rows it leaves out are
 *                     still found lexically. The indexer writes rows before their vectors are computed, and this
 *                     keeps their stand-in vectors out of dense ranking
 */
public record SearchRequest(String collection, List<float[]> vectors, List<String> texts, SearchMode mode, int topK,
                            Filter filter, List<String> outputFields, Fusion fusion, Filter vectorFilter) {

    public SearchRequest {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(mode, "mode");
        vectors = vectors == null ? List.of() : List.copyOf(vectors);
        texts = texts == null ? List.of() : List.copyOf(texts);
        if (mode != SearchMode.LEXICAL && vectors.isEmpty()) {
            throw new IllegalArgumentException("a " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " search needs at least one query vector");
        }
        if (mode != SearchMode.DENSE && texts.isEmpty()) {
            throw new IllegalArgumentException("a " + mode.name().toLowerCase(java.util.Locale.ROOT)
                    + " search needs at least one query text");
        }
        if (mode == SearchMode.HYBRID && vectors.size() != texts.size()) {
            throw new IllegalArgumentException("a hybrid search needs one text per vector; got " + texts.size()
                    + " texts for " + vectors.size() + " vectors");
        }
        fusion = fusion == null ? Fusion.DEFAULT : fusion;
        if (topK < 1 || topK > 16_384) {
            throw new IllegalArgumentException("topK must be between 1 and 16384, got " + topK);
        }
        outputFields = outputFields == null ? List.of() : List.copyOf(outputFields);
    }

    /** A dense search, the form most callers need. */
    public SearchRequest(String collection, List<float[]> vectors, int topK, Filter filter, List<String> outputFields) {
        this(collection, vectors, List.of(), SearchMode.DENSE, topK, filter, outputFields, Fusion.DEFAULT, null);
    }

    /** The filter of the vector leg: {@code filter} and {@code vectorFilter} together; null for none. */
    public Filter denseFilter() {
        if (vectorFilter == null) {
            return filter;
        }
        return filter == null ? vectorFilter : dev.codeindexer.store.filter.Filters.and(List.of(filter, vectorFilter));
    }

    /** How many queries the request holds. */
    public int queryCount() {
        return mode == SearchMode.LEXICAL ? texts.size() : vectors.size();
    }

    public static Builder builder(String collection) {
        return new Builder(collection);
    }

    /** Collects the optional parts of a {@link SearchRequest}. */
    public static final class Builder {
        private final String collection;
        private final List<float[]> vectors = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private SearchMode mode = SearchMode.DENSE;
        private Fusion fusion = Fusion.DEFAULT;
        private int topK = 10;
        private Filter filter;
        private List<String> outputFields = List.of();
        private Filter vectorFilter;

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

        public Builder texts(List<String> texts) {
            this.texts.addAll(texts);
            return this;
        }

        public Builder mode(SearchMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder fusion(Fusion fusion) {
            this.fusion = fusion;
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

        public Builder vectorFilter(Filter vectorFilter) {
            this.vectorFilter = vectorFilter;
            return this;
        }

        public Builder outputFields(List<String> outputFields) {
            this.outputFields = outputFields;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(collection, vectors, texts, mode, topK, filter, outputFields, fusion, vectorFilter);
        }
    }
}
