package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.Rows;
import dev.codeindexer.store.SearchResult;
import io.milvus.v2.service.vector.response.SearchResp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Rows as Milvus returns them, mapped back to the store's values: search hits, metadata, vectors. */
final class MilvusResults {
    private MilvusResults() {
    }

    /** One list of results per query of {@code resp}, each hit's score mapped by {@code score}. */
    static List<List<SearchResult>> results(CollectionSpec spec, MilvusPlacement placement, SearchResp resp,
                                            List<String> outputs, Function<Float, Float> score) {
        List<List<SearchResult>> all = new ArrayList<>();
        for (List<SearchResp.SearchResult> hits : resp.getSearchResults()) {
            List<SearchResult> list = new ArrayList<>(hits.size());
            for (SearchResp.SearchResult hit : hits) {
                list.add(new SearchResult(placement.id(String.valueOf(hit.getId())), score.apply(hit.getScore()),
                        metadata(spec, hit.getEntity(), outputs)));
            }
            all.add(list);
        }
        return all;
    }

    /** Entity values in the canonical types of {@link Rows}: Long, Float, Double, Boolean, String, lists. */
    static Map<String, Object> metadata(CollectionSpec spec, Map<String, Object> entity, List<String> outputs) {
        Collection<String> fields = outputs.isEmpty() ? spec.schema().keySet() : outputs;
        Map<String, Object> out = new LinkedHashMap<>();
        for (String field : fields) {
            Object value = entity.get(field);
            if (value == null) {
                continue;
            }
            FieldType type = spec.schema().get(field);
            out.put(field, switch (type) {
                case INT -> ((Number) value).longValue();
                case FLOAT -> ((Number) value).floatValue();
                case DOUBLE -> ((Number) value).doubleValue();
                case INT_ARRAY -> ((List<?>) value).stream().map(v -> (Object) ((Number) v).longValue()).toList();
                case STRING_ARRAY -> ((List<?>) value).stream().map(v -> (Object) v.toString()).toList();
                default -> value;
            });
        }
        return out;
    }

    /** A float vector as the SDK returns it: a list of numbers. */
    static float[] vector(Object value) {
        List<?> list = (List<?>) value;
        float[] v = new float[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) list.get(i)).floatValue();
        }
        return v;
    }
}
