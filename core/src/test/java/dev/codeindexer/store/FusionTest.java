package dev.codeindexer.store;

import dev.codeindexer.config.SearchSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FusionTest {
    private static SearchResult r(String id, float score) {
        return new SearchResult(id, score, Map.of());
    }

    @Test
    void relativeScoreMixesMinMaxNormalisedLegScores() {
        Fusion f = new Fusion(Fusion.Method.RELATIVE_SCORE, 60, 0.8, 0.2);
        List<SearchResult> dense = List.of(r("a", 0.9f), r("b", 0.8f), r("c", 0.5f));
        List<SearchResult> lexical = List.of(r("c", 12f), r("d", 3f), r("b", 2f));
        List<SearchResult> fused = f.fuse(dense, lexical, 4);
        // a: 0.8*1; b: 0.8*0.75 + 0.2*0; c: 0.8*0 + 0.2*1; d: 0.2*0.1
        assertThat(fused).extracting(SearchResult::id).containsExactly("a", "b", "c", "d");
        assertThat(fused.get(1).score()).isCloseTo(0.6f, within(1e-5f));
        assertThat(fused.get(3).score()).isCloseTo(0.02f, within(1e-5f));
    }

    @Test
    void aClearLexicalWinnerOutranksAWeakDenseLead() {
        Fusion f = new Fusion(Fusion.Method.RELATIVE_SCORE, 60, 0.8, 0.2);
        // Dense scores are nearly flat; the BM25 leg is sure about "x".
        List<SearchResult> dense = List.of(r("y", 0.81f), r("x", 0.80f), r("z", 0.41f));
        List<SearchResult> lexical = List.of(r("x", 20f), r("y", 1f));
        assertThat(f.fuse(dense, lexical, 3).getFirst().id()).isEqualTo("x");
        // Rank fusion with equal weights cannot see that difference and ties them.
        List<SearchResult> rrf = Fusion.DEFAULT.fuse(dense, lexical, 3);
        assertThat(rrf.get(0).score()).isEqualTo(rrf.get(1).score());
    }

    @Test
    void onlyEqualWeightRrfCanRunOnMilvusRrfRanker() {
        assertThat(Fusion.DEFAULT.isEqualWeightRrf()).isTrue();
        assertThat(new Fusion(10, 1.0, 0.3).isEqualWeightRrf()).isFalse();
        assertThat(new Fusion(Fusion.Method.RELATIVE_SCORE, 60, 1, 1).isEqualWeightRrf()).isFalse();
    }

    @Test
    void theSearchConfigDefaultIsTheMeasuredOne() {
        Fusion f = SearchSettings.defaults().toFusion();
        assertThat(f.method()).isEqualTo(Fusion.Method.RELATIVE_SCORE);
        assertThat(f.denseWeight()).isEqualTo(0.7);
        assertThat(f.lexicalWeight()).isEqualTo(0.3);
        assertThat(new SearchSettings(null, "rrf", 10, 1.0, 0.3, null, null, null).toFusion()).isEqualTo(new Fusion(10, 1.0, 0.3));
        assertThat(SearchSettings.defaults().nameWeight()).isZero();
        assertThat(new SearchSettings(null, null, null, null, null, 0.2, null, null).nameWeight()).isEqualTo(0.2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SearchSettings(null, null, null, null, null, -1.0, null, null))
                .hasMessageContaining("search.name_weight");
    }
}
