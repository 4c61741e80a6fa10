package dev.codeindexer.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RankingTest {
    private static SearchHit hit(String file, String entity, long from, long to, float score) {
        return hit(file, entity, from, to, score, "code");
    }

    private static SearchHit hit(String file, String entity, long from, long to, float score, String content) {
        return new SearchHit(file, from, to, from, to, "java", "method", entity, score, file + from, content, null);
    }

    @Test
    void proseAndTestsFallBehindCodeOfCloseRelevanceButNotFarBetterOnes() {
        SearchHit changelog = new SearchHit("CHANGELOG.md", 1, 40, 1, 40, "markdown", "window", "CHANGELOG.md", 1.0f,
                "c", "", null);
        SearchHit test = hit("src/test/java/RetryTest.java", "RetryTest.retries", 1, 9, 0.95f);
        SearchHit code = hit("src/main/java/Retry.java", "Retry.retry", 1, 9, 0.8f);
        SearchHit weak = hit("src/main/java/Other.java", "Other.x", 1, 9, 0.1f);
        List<SearchHit> hits = List.of(changelog, test, code, weak);

        assertThat(Ranking.shape(hits, "retry uploads", false, 10)).extracting(SearchHit::filePath)
                .as("weights of 1 keep the store's order").startsWith("CHANGELOG.md");
        assertThat(Ranking.shape(hits, "retry uploads", false, 10, 0.5, 0.5)).extracting(SearchHit::filePath)
                .containsExactly("src/main/java/Retry.java", "CHANGELOG.md", "src/test/java/RetryTest.java",
                        "src/main/java/Other.java");
    }

    @Test
    void aFilesLeftoverLinesFallBehindAnEntityOfCloseRelevanceUnlessAskedFor() {
        SearchHit imports = new SearchHit("_shuffleSelf.js", 1, 1, 1, 1, "javascript", "file", "_shuffleSelf.js", 0.9f,
                "i", "import baseRandom from './_baseRandom.js';", null);
        SearchHit entity = new SearchHit("_shuffleSelf.js", 3, 6, 3, 6, "javascript", "function", "shuffleSelf", 0.7f,
                "f", "function shuffleSelf(array, size) {", null);
        List<SearchHit> hits = List.of(imports, entity);

        assertThat(Ranking.shape(hits, "shuffle in place", false, 10, 0.5, 0.5)).extracting(SearchHit::entityId)
                .containsExactly("shuffleSelf", "_shuffleSelf.js");
        assertThat(Ranking.asksForProse(List.of(), List.of("file"))).isTrue();
        assertThat(Ranking.asksForProse(List.of("java"), List.of("method"))).isFalse();
    }

    @Test
    void testCodeIsRecognisedByEachEcosystemsConventions() {
        assertThat(List.of("src/test/java/a/BTest.java", "tests/test_api.py", "pkg/server_test.go",
                "lib/util.spec.ts", "src/__tests__/x.js", "FooIT.java", "test_x.py"))
                .allMatch(Ranking::isTest);
        assertThat(List.of("src/main/java/a/Testing.java", "src/latest/x.py", "contest.go", "src/attest.js"))
                .noneMatch(Ranking::isTest);
    }

    @Test
    void overlappingWindowsOfOneEntityCollapseIntoTheBest() {
        List<SearchHit> hits = List.of(hit("A.java", "A.run", 10, 60, 0.9f), hit("B.java", "B.go", 1, 5, 0.8f),
                hit("A.java", "A.run", 50, 100, 0.7f), hit("A.java", "A.run", 200, 220, 0.6f));
        assertThat(Ranking.shape(hits, "run the job", false, 10)).extracting(SearchHit::startLine)
                .containsExactly(10L, 1L, 200L);
    }

    @Test
    void groupByFileKeepsTheBestHitOfEachFileAndStillFillsTopK() {
        List<SearchHit> hits = List.of(hit("A.java", "A.a", 1, 5, 0.9f), hit("A.java", "A.b", 10, 15, 0.8f),
                hit("B.java", "B.c", 1, 5, 0.7f), hit("C.java", "C.d", 1, 5, 0.6f));
        assertThat(Ranking.shape(hits, "q", true, 2)).extracting(SearchHit::filePath).containsExactly("A.java", "B.java");
        assertThat(Ranking.shape(hits, "q", false, 2)).extracting(SearchHit::entityId).containsExactly("A.a", "A.b");
    }

    @Test
    void aShortIdentifierQueryPutsTheDefinitionFirst() {
        List<SearchHit> hits = List.of(hit("Caller.java", "Caller.useIt", 1, 9, 0.9f),
                hit("Dates.java", "Dates.parseDate", 3, 20, 0.8f), hit("Other.java", "Other.x", 1, 2, 0.7f));
        assertThat(Ranking.shape(hits, "parseDate", false, 10)).extracting(SearchHit::entityId)
                .containsExactly("Dates.parseDate", "Caller.useIt", "Other.x");
        assertThat(Ranking.shape(hits, "Dates.parseDate", false, 10).getFirst().entityId()).isEqualTo("Dates.parseDate");
        // A sentence that mentions an identifier in passing keeps the store's order.
        assertThat(Ranking.shape(hits, "where do we call parseDate on user input", false, 10).getFirst().entityId())
                .isEqualTo("Caller.useIt");
        // Plain words are not identifiers.
        assertThat(Ranking.identifiers("parse date")).isEmpty();
        assertThat(Ranking.identifiers("http_client get2")).containsExactly("http_client", "get2");
        assertThat(Ranking.simpleName("(*Server).Serve")).isEqualTo("Serve");
    }

    @Test
    void anExactIdentifierMatchComesBeforeHitsThatOnlyShareItsParts() {
        List<SearchHit> hits = List.of(
                hit("Parser.java", "Parser.parse", 1, 9, 0.9f, "Date parse(String text) { return date(text); }"),
                hit("Caller.java", "Caller.load", 1, 9, 0.8f, "Date d = Dates.parseDate(raw);"),
                hit("Dates.java", "Dates.parseDate", 3, 20, 0.7f, "static Date parseDate(String s) { ... }"),
                hit("Other.java", "Other.parseDates", 1, 2, 0.6f, "List<Date> parseDates(List<String> all)"));
        // Definition, then the usage, then the rest in the store's order: "parseDates" is not "parseDate".
        assertThat(Ranking.shape(hits, "parseDate", false, 10)).extracting(SearchHit::entityId)
                .containsExactly("Dates.parseDate", "Caller.load", "Parser.parse", "Other.parseDates");
        assertThat(Ranking.mentions("x = parsedate(y)", java.util.Set.of("parseDate"))).isFalse();
    }

    @Test
    void groupingByFileShowsAFileByTheDefinitionItHolds() {
        List<SearchHit> hits = List.of(hit("Strings.java", "Strings.getIfBlank", 1, 9, 0.9f),
                hit("Strings.java", "Strings.isBlank", 20, 30, 0.8f), hit("Other.java", "Other.x", 1, 2, 0.7f));
        assertThat(Ranking.shape(hits, "isBlank", true, 10)).extracting(SearchHit::entityId)
                .containsExactly("Strings.isBlank", "Other.x");
    }
}
