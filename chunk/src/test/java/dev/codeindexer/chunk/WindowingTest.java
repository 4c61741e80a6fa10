package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Entities over the token budget are split into overlapping windows that each fit and carry a header line. */
class WindowingTest {

    private static final String HEADER = "Big.java > Big.run > public int run(int n) {";

    /** A class whose run() spans lines 4..(5 + bodyLines). */
    private static String bigClass(int bodyLines) {
        String body = IntStream.range(0, bodyLines)
                .mapToObj(i -> "        total += compute(i, \"value" + i + "\", offset + " + i + ");")
                .collect(Collectors.joining("\n"));
        return "package big;\n\npublic class Big {\n    /** Runs. */\n    public int run(int n) {\n" + body
                + "\n        return total;\n    }\n}\n";
    }

    @Test
    void largeFunctionBecomesOverlappingWindowsThatCoverItAndFitTheBudget() {
        String source = bigClass(400);
        int methodStart = 4;
        int methodEnd = 5 + 400 + 2;
        List<Chunk> windows;
        try (Chunker chunker = Chunker.create()) {
            windows = chunker.chunk("Big.java", source).stream()
                    .filter(c -> c.entityId().equals("Big.run")).toList();
        }

        assertThat(windows).hasSizeGreaterThan(5);
        assertThat(windows).allSatisfy(w -> {
            assertThat(w.entityType()).isEqualTo(EntityType.METHOD);
            assertThat(w.parentId()).isEqualTo("Big");
            assertThat(w.content()).startsWith(HEADER + "\n");
            assertThat(TokenCounter.heuristic().count(w.content())).isLessThanOrEqualTo(400);
        });
        assertThat(windows.getFirst().startLine()).isEqualTo(methodStart);
        assertThat(windows.getLast().endLine()).isEqualTo(methodEnd);
        for (int i = 1; i < windows.size(); i++) {
            Chunk previous = windows.get(i - 1);
            Chunk next = windows.get(i);
            assertThat(next.startLine()).as("window %d overlaps the one before", i)
                    .isGreaterThan(previous.startLine())
                    .isLessThanOrEqualTo(previous.endLine());
        }
        String[] lines = source.split("\n");
        for (Chunk window : windows) {
            String body = window.content().substring(HEADER.length() + 1);
            String expected = String.join("\n", List.of(lines).subList(window.startLine() - 1, window.endLine()));
            assertThat(body).as("content is exactly lines %d-%d", window.startLine(), window.endLine())
                    .isEqualTo(expected);
        }
        assertThat(windows).as("every window knows the whole method, doc comment included")
                .allSatisfy(w -> assertThat(List.of(w.entityStartLine(), w.entityEndLine()))
                        .containsExactly(methodStart, methodEnd));
        assertThat(windows.getFirst().doc()).isEqualTo("/** Runs. */");
        assertThat(windows.subList(1, windows.size())).allSatisfy(w -> assertThat(w.doc()).isEmpty());
    }

    @Test
    void pluggedInTokenCounterDecidesTheBudget() {
        TokenCounter perCharacter = new TokenCounter() {
            @Override
            public int count(CharSequence text) {
                return text.length();
            }

            @Override
            public String id() {
                return "chars";
            }
        };
        ChunkerOptions options = ChunkerOptions.defaults().withMaxTokens(300).withTokenCounter(perCharacter);
        try (Chunker chunker = Chunker.create(options)) {
            List<Chunk> chunks = chunker.chunk("Big.java", bigClass(40));

            assertThat(chunks).allSatisfy(c -> assertThat(c.content().length()).isLessThanOrEqualTo(300));
            assertThat(chunks).filteredOn(c -> c.entityId().equals("Big.run")).hasSizeGreaterThan(3);
            assertThat(chunker.fingerprint()).contains("tokens=chars").contains("maxTokens=300")
                    .contains("chunker=" + Chunker.CHUNKER_VERSION);
        }
    }

    @Test
    void windowsEndAtBlankLinesWhenOneIsNear() {
        StringBuilder body = new StringBuilder();
        for (int paragraph = 0; paragraph < 12; paragraph++) {
            for (int line = 0; line < 6; line++) {
                body.append("    step_").append(paragraph).append('_').append(line).append("(value, other)\n");
            }
            body.append('\n');
        }
        String source = "def long_function(value, other):\n" + body + "    return value\n";
        List<Chunk> windows;
        try (Chunker chunker = Chunker.create(ChunkerOptions.defaults().withMaxTokens(120))) {
            windows = chunker.chunk("long.py", source).stream()
                    .filter(c -> c.entityType() == EntityType.FUNCTION).toList();
        }
        String[] lines = source.split("\n", -1);

        assertThat(windows).hasSizeGreaterThan(2);
        for (Chunk window : windows.subList(0, windows.size() - 1)) {
            assertThat(lines[window.endLine()]).as("line after window ending at %d", window.endLine()).isBlank();
        }
    }

    @Test
    void aLineLongerThanTheBudgetIsCutIntoPiecesThatReassembleIt() {
        String longLine = IntStream.range(0, 6000).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        List<Chunk> chunks;
        try (Chunker chunker = Chunker.create()) {
            chunks = chunker.chunk("notes.txt", longLine + "\n");
        }

        assertThat(chunks).hasSizeGreaterThan(10).allSatisfy(c -> {
            assertThat(c.entityType()).isEqualTo(EntityType.WINDOW);
            assertThat(c.startLine()).isEqualTo(1);
            assertThat(c.endLine()).isEqualTo(1);
            assertThat(TokenCounter.heuristic().count(c.content())).isLessThanOrEqualTo(400);
        });
        // Pieces of one line never overlap; a window holding two of them separates them by a line break.
        String reassembled = chunks.stream()
                .map(c -> c.content().substring(c.content().indexOf('\n') + 1).replace("\n", ""))
                .collect(Collectors.joining());
        assertThat(reassembled).isEqualTo(longLine);
    }

    @Test
    void smallEntitiesAreNotSplitAndHaveNoHeader() {
        try (Chunker chunker = Chunker.create()) {
            Chunk add = Samples.find(chunker.chunk("greeter.js", Samples.read("greeter.js")), "add");

            assertThat(add.content()).startsWith("/**\n * Adds numbers.");
        }
    }
}
