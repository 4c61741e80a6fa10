package dev.codeindexer.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NameMatchTest {
    private static SearchHit hit(String entity, float score) {
        return new SearchHit("src/" + entity + ".java", 1, 9, 1, 9, "java", "method", entity, score, entity, "code", null);
    }

    @Test
    void coverageIsTheShareOfTheNamesPartsThatTheQuerySpellsOut() {
        Set<String> words = NameMatch.queryWords("Gets the field delimiter matcher.");
        assertThat(NameMatch.coverage("StrTokenizer.getDelimiterMatcher", words)).isEqualTo(1.0);
        assertThat(NameMatch.coverage("StrSubstitutor.getValueDelimiterMatcher", words)).isEqualTo(0.75);
        assertThat(NameMatch.coverage("StrTokenizer.reset", words)).isZero();
        // Only the entity's own name counts, not its class or module; inflections meet their stems.
        assertThat(NameMatch.coverage("flask.cli.ScriptInfo.load_app", NameMatch.queryWords("Loads the Flask app")))
                .isEqualTo(1.0);
        assertThat(NameMatch.coverage("CircuitBreaker.open", NameMatch.queryWords("Opens this circuit breaker")))
                .isEqualTo(1.0);
        // "has" is a stop word, so three of the four parts are spelt out.
        assertThat(NameMatch.coverage("(*Command).HasHelpSubCommands", NameMatch.queryWords("has help sub command")))
                .isEqualTo(0.75);
        assertThat(NameMatch.coverage(null, words)).isZero();
    }

    @Test
    void theQuerysStopWordsDoNotMatchNames() {
        assertThat(NameMatch.queryWords("Returns the value of this entry")).containsExactlyInAnyOrder("value", "entry");
        assertThat(NameMatch.coverage("Map.get", NameMatch.queryWords("Returns the value of this entry"))).isZero();
    }

    @Test
    void aHitWhoseNameTheQuerySpellsOutIsLiftedOverCloseCandidates() {
        List<SearchHit> hits = List.of(hit("Breakers.state", 0.90f), hit("Breaker.close", 0.85f),
                hit("CircuitBreaker.open", 0.80f), hit("Other.thing", 0.10f));
        List<SearchHit> ranked = NameMatch.rescore(hits, "Opens this circuit breaker", 0.2);
        assertThat(ranked).extracting(SearchHit::entityId)
                .containsExactly("CircuitBreaker.open", "Breakers.state", "Breaker.close", "Other.thing");
        assertThat(ranked).extracting(SearchHit::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        // A far better candidate keeps its place: the signal lifts, it does not override.
        List<SearchHit> far = List.of(hit("Breakers.state", 0.90f), hit("CircuitBreaker.open", 0.10f),
                hit("Other.thing", 0.05f));
        assertThat(NameMatch.rescore(far, "Opens this circuit breaker", 0.2).getFirst().entityId())
                .isEqualTo("Breakers.state");
        assertThat(NameMatch.rescore(hits, "Opens this circuit breaker", 0)).isSameAs(hits);
    }

    @Test
    void stemmingRemovesPluralsAndThirdPersonSButLeavesWordsThatOnlyEndInS() {
        assertThat(List.of("loads", "opens", "entries", "matches", "indexes", "classes", "values"))
                .map(NameMatch::stem).containsExactly("load", "open", "entry", "match", "index", "class", "value");
        assertThat(List.of("status", "class", "analysis", "has", "goes", "load"))
                .map(NameMatch::stem).containsExactly("status", "class", "analysis", "has", "goes", "load");
    }
}
