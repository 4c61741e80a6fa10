package dev.codeindexer.store.milvus;

import com.google.gson.Gson;
import dev.codeindexer.store.CodeTokens;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.Fusion;
import dev.codeindexer.store.Rows;
import dev.codeindexer.store.SearchRequest;
import dev.codeindexer.store.SearchResult;
import dev.codeindexer.store.milvus.MilvusSchema.LexicalColumn;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.vector.request.AnnSearchReq;
import io.milvus.v2.service.vector.request.HybridSearchReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.EmbeddedText;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.request.ranker.RRFRanker;
import io.milvus.v2.service.vector.response.SearchResp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches in the three modes: dense (the vector index, with the index type's search parameters from config),
 * lexical (BM25 over the hidden lexical columns, summed per row) and hybrid (fused on the server when Milvus's RRF
 * ranker computes what {@link Fusion} would, else here).
 */
final class MilvusSearch {
    private static final Gson GSON = new Gson();

    private final MilvusConfig config;
    private final ConsistencyLevel consistency;
    private final MilvusCollections collections;

    MilvusSearch(MilvusConfig config, ConsistencyLevel consistency, MilvusCollections collections) {
        this.config = config;
        this.consistency = consistency;
        this.collections = collections;
    }

    /** Runs every query of the request in its mode; one result list per query, best first. */
    List<List<SearchResult>> search(SearchRequest request) {
        String name = request.collection();
        CollectionSpec spec = collections.describe(name);
        Rows.checkSearch(spec, request);
        MilvusPlacement placement = collections.placement(name);
        String expression = placement.filter(MilvusFilters.expression(request.filter(), spec.schema(), name));
        String denseExpression = request.vectorFilter() == null ? expression
                : placement.filter(MilvusFilters.expression(request.denseFilter(), spec.schema(), name));
        List<String> outputs = request.outputFields().isEmpty() ? List.copyOf(spec.schema().keySet()) : request.outputFields();
        int topK = request.topK();
        return switch (request.mode()) {
            case DENSE -> dense(spec, placement, request.vectors(), topK, denseExpression, outputs);
            case LEXICAL -> lexical(spec, placement, request.texts(), topK, expression, outputs);
            case HYBRID -> hybrid(spec, placement, request, expression, denseExpression, outputs);
        };
    }

    private List<List<SearchResult>> dense(CollectionSpec spec, MilvusPlacement placement, List<float[]> vectors,
                                           int topK, String expression, List<String> outputs) {
        List<BaseVector> data = vectors.stream().<BaseVector>map(FloatVec::new).toList();
        SearchResp resp = collections.readLoaded(spec.name(), MilvusOperation.SEARCH, client -> {
            SearchReq.SearchReqBuilder q = SearchReq.builder().collectionName(placement.physical())
                    .annsField(CollectionSpec.VECTOR_FIELD).metricType(MilvusSchema.metric(spec.metric()))
                    .data(data).topK(topK).outputFields(outputs).searchParams(searchParams(topK))
                    .consistencyLevel(consistency);
            if (!expression.isEmpty()) {
                q.filter(expression);
            }
            return client.search(q.build());
        });
        return MilvusResults.results(spec, placement, resp, outputs, d -> MilvusSchema.score(spec.metric(), d));
    }

    /**
     * BM25 over the hidden lexical columns, summed per row as Lucene sums its per-field scores. Each column gives
     * its best {@code depth} rows; with several columns, a row missing from one column's list adds nothing for it,
     * so the depth is a few times {@code topK}. Texts without a single code token match nothing.
     */
    private List<List<SearchResult>> lexical(CollectionSpec spec, MilvusPlacement placement, List<String> texts,
                                             int topK, String expression, List<String> outputs) {
        List<LexicalColumn> columns = collections.lexicalColumns(spec.name());
        List<List<SearchResult>> out = new ArrayList<>();
        List<String> expanded = texts.stream().map(CodeTokens::expand).toList();
        List<Integer> asked = new ArrayList<>();
        List<BaseVector> data = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out.add(List.of());
            if (!columns.isEmpty() && !expanded.get(i).isEmpty()) {
                asked.add(i);
                data.add(new EmbeddedText(expanded.get(i)));
            }
        }
        if (data.isEmpty()) {
            return out;
        }
        int depth = columns.size() == 1 ? topK : Fusion.candidates(topK);
        List<List<List<SearchResult>>> perColumn = new ArrayList<>();
        for (LexicalColumn column : columns) {
            SearchResp resp = collections.readLoaded(spec.name(), MilvusOperation.LEXICAL_SEARCH, client -> {
                SearchReq.SearchReqBuilder q = SearchReq.builder().collectionName(placement.physical())
                        .annsField(column.sparse()).metricType(IndexParam.MetricType.BM25)
                        .data(data).topK(depth).outputFields(outputs).consistencyLevel(consistency);
                if (!expression.isEmpty()) {
                    q.filter(expression);
                }
                return client.search(q.build());
            });
            // Milvus Lite reports BM25 as a negated distance; the magnitude is the BM25 score either way.
            perColumn.add(MilvusResults.results(spec, placement, resp, outputs, Math::abs));
        }
        for (int j = 0; j < asked.size(); j++) {
            int query = j;
            out.set(asked.get(j), sum(perColumn.stream().map(found -> found.get(query)).toList(), topK));
        }
        return out;
    }

    /** The best {@code topK} rows by the sum of their scores in {@code lists}; rows scoring nothing are left out. */
    private static List<SearchResult> sum(List<List<SearchResult>> lists, int topK) {
        if (lists.size() == 1) {
            return lists.getFirst().stream().filter(r -> r.score() > 0).limit(topK).toList();
        }
        Map<String, SearchResult> rows = new LinkedHashMap<>();
        Map<String, Double> scores = new HashMap<>();
        for (List<SearchResult> list : lists) {
            for (SearchResult r : list) {
                rows.putIfAbsent(r.id(), r);
                scores.merge(r.id(), (double) r.score(), Double::sum);
            }
        }
        return scores.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(topK)
                .map(e -> new SearchResult(e.getKey(), e.getValue().floatValue(), rows.get(e.getKey()).metadata()))
                .toList();
    }

    /**
     * Hybrid search. With a single BM25 column and equal leg weights Milvus fuses on the server (hybrid search with
     * its RRF ranker, which computes the same {@code sum 1/(k + rank)} as {@link Fusion}); otherwise the legs are
     * fused here, fetched with the same candidate depth, since Milvus's weighted ranker mixes scores rather than
     * ranks and would rank each BM25 column as a leg of its own.
     */
    private List<List<SearchResult>> hybrid(CollectionSpec spec, MilvusPlacement placement, SearchRequest request,
                                            String expression, String denseExpression, List<String> outputs) {
        Fusion fusion = request.fusion();
        int topK = request.topK();
        int candidates = Fusion.candidates(topK);
        List<LexicalColumn> columns = collections.lexicalColumns(spec.name());
        boolean serverSide = columns.size() == 1 && fusion.isEqualWeightRrf();
        if (!serverSide) {
            List<List<SearchResult>> dense = dense(spec, placement, request.vectors(), candidates, denseExpression, outputs);
            List<List<SearchResult>> lexical = lexical(spec, placement, request.texts(), candidates, expression, outputs);
            List<List<SearchResult>> out = new ArrayList<>();
            for (int q = 0; q < dense.size(); q++) {
                out.add(fusion.fuse(dense.get(q), lexical.get(q), topK));
            }
            return out;
        }
        List<List<SearchResult>> out = new ArrayList<>();
        for (int q = 0; q < request.queryCount(); q++) {
            String text = CodeTokens.expand(request.texts().get(q));
            float[] vector = request.vectors().get(q);
            if (text.isEmpty()) {
                out.add(fusion.fuse(dense(spec, placement, List.of(vector), candidates, denseExpression, outputs).getFirst(),
                        List.of(), topK));
                continue;
            }
            AnnSearchReq.AnnSearchReqBuilder denseLeg = AnnSearchReq.builder().vectorFieldName(CollectionSpec.VECTOR_FIELD)
                    .vectors(List.of(new FloatVec(vector))).metricType(MilvusSchema.metric(spec.metric()))
                    .params(searchParamsJson(candidates)).limit(candidates);
            AnnSearchReq.AnnSearchReqBuilder lexicalLeg = AnnSearchReq.builder().vectorFieldName(columns.getFirst().sparse())
                    .vectors(List.of(new EmbeddedText(text))).metricType(IndexParam.MetricType.BM25).limit(candidates);
            if (!denseExpression.isEmpty()) {
                denseLeg.filter(denseExpression);
            }
            if (!expression.isEmpty()) {
                lexicalLeg.filter(expression);
            }
            SearchResp resp = collections.readLoaded(spec.name(), MilvusOperation.HYBRID_SEARCH, client -> client.hybridSearch(
                    HybridSearchReq.builder().collectionName(placement.physical())
                            .searchRequests(List.of(denseLeg.build(), lexicalLeg.build()))
                            .ranker(RRFRanker.builder().k(fusion.k()).build())
                            .limit(topK).outFields(outputs).consistencyLevel(consistency).build()));
            // Equal weights w scale every RRF score by w; keep the scores identical to the client-side fusion.
            double weight = fusion.denseWeight();
            out.add(MilvusResults.results(spec, placement, resp, outputs, s -> (float) (s * weight)).getFirst());
        }
        return out;
    }

    private Map<String, Object> searchParams(int topK) {
        return switch (config.indexType()) {
            // HNSW needs ef >= k to return k hits.
            case "HNSW" -> Map.of("ef", Math.max(config.searchEf(), topK));
            case "IVF_FLAT" -> Map.of("nprobe", config.searchNprobe());
            default -> Map.of();
        };
    }

    /** The same parameters as JSON, the form a hybrid search's legs take them in. */
    private String searchParamsJson(int topK) {
        return GSON.toJson(searchParams(topK));
    }
}
