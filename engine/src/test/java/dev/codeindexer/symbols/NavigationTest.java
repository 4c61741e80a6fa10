package dev.codeindexer.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.FileSymbols;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.SymbolTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** refs, callers, callees and the repository map over real extracted symbols and references of a small project. */
class NavigationTest {
    @TempDir
    Path repo;
    @TempDir
    Path home;

    private static Chunker chunker;
    private SymbolIndex index;

    private static final Map<String, String> FILES = Map.of(
            "src/Retry.java", """
                    package demo;

                    /** Decides how long to wait; see backoff(). */
                    public class Retry {
                        static final int RETRY_LIMIT = 3;

                        public long backoff(int attempt) {
                            return clamp(attempt * 100L);
                        }

                        private long clamp(long millis) {
                            return Math.min(millis, 5000L);
                        }
                    }
                    """,
            "src/Client.java", """
                    package demo;

                    public class Client {
                        private final Retry retry = new Retry();

                        public void send(String body) {
                            // backoff() is called per attempt
                            for (int i = 0; i < Retry.RETRY_LIMIT; i++) {
                                sleep(retry.backoff(i));
                            }
                            String log = "backoff";
                        }

                        void sleep(long ms) {
                        }
                    }
                    """,
            "src/Upload.java", """
                    package demo;

                    public class Upload {
                        public void run(Client client) {
                            client.send("x");
                            client.send("y");
                        }
                    }
                    """,
            "tools/main.py", """
                    from retry import backoff

                    def main():
                        return backoff(1)


                    class Tool(object):
                        def __init__(self):
                            super().__init__()
                    """);

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    @BeforeEach
    void build() throws Exception {
        IndexLocation location = IndexLocation.of(repo, null, null, Map.of("CODE_INDEXER_HOME", home.toString()));
        List<FileSymbols> entries = new ArrayList<>();
        for (var e : FILES.entrySet()) {
            Files.createDirectories(repo.resolve(e.getKey()).getParent());
            Files.writeString(repo.resolve(e.getKey()), e.getValue());
            entries.add(FileSymbols.of(e.getKey(), "h", chunker.analyze(e.getKey(), e.getValue())));
        }
        SymbolTable.load(location.symbolsFile()).record(entries, List.of());
        index = SymbolIndex.load(location);
    }

    private static List<String> sites(Callers callers) {
        List<String> out = new ArrayList<>();
        callers.callers().forEach(g -> g.sites().forEach(s -> out.add(
                (g.caller() == null ? "-" : g.caller().qualifiedName()) + " " + s.filePath() + ":" + s.line())));
        return out;
    }

    @Test
    void callersAreEveryCallSiteGroupedByCallingDefinitionNotComments() {
        Callers callers = index.callers("backoff", 1);
        assertThat(sites(callers)).containsExactly("Client.send src/Client.java:9", "tools.main.main tools/main.py:4");
        assertThat(callers.definitions()).extracting(Symbol::qualifiedName).containsExactly("Retry.backoff");
        assertThat(callers.callers().getFirst().sites().getFirst().text()).contains("sleep(retry.backoff(i));");
        assertThat(callers.sites()).isEqualTo(2);
    }

    @Test
    void callersFollowDepthLevelsUp() {
        Callers callers = index.callers("Retry.backoff", 2);
        CallerGroup send = callers.callers().getFirst();
        assertThat(send.caller().qualifiedName()).isEqualTo("Client.send");
        assertThat(send.callers()).singleElement().satisfies(g -> {
            assertThat(g.caller().qualifiedName()).isEqualTo("Upload.run");
            assertThat(g.sites()).extracting(CallSite::line).containsExactly(5, 6);
        });
    }

    @Test
    void calleesResolveNamesNearestFirstAndFollowDepth() {
        Callees callees = index.callees("Client.send", 2);
        Callees.Definition send = callees.definitions().getFirst();
        assertThat(send.callees()).extracting(Callee::name).containsExactly("sleep", "backoff");
        Callee sleep = send.callees().getFirst();
        assertThat(sleep.definitions()).extracting(Symbol::qualifiedName).containsExactly("Client.sleep");
        Callee backoff = send.callees().get(1);
        assertThat(backoff.receiver()).isEqualTo("retry");
        assertThat(backoff.lines()).containsExactly(9);
        assertThat(backoff.callees()).extracting(Callee::name).containsExactly("clamp");
        assertThat(index.callees("Retry.clamp", 1).definitions().getFirst().callees())
                .singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("min");
                    assertThat(c.definitions()).as("Math.min is outside the index").isEmpty();
                });
    }

    @Test
    void anUnknownNameIsRefusedWithNearNames() {
        assertThatThrownBy(() -> index.callers("bakoff", 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("near names: Retry.backoff");
        assertThatThrownBy(() -> index.callees("Client.send", 9)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("depth must be from 1 to 5");
    }

    @Test
    void refsAreTheWholeWordLinesGroupedByDefinitionAndCodeOnlyDropsCommentsAndStrings() {
        Refs all = index.refs("backoff", false, null, 100, chunker);
        List<String> lines = all.groups().stream().flatMap(g -> g.lines().stream()
                .map(l -> (g.entity() == null ? "-" : g.entity().qualifiedName()) + " " + l.filePath() + ":"
                        + l.line())).toList();
        assertThat(lines).containsExactly("Client.send src/Client.java:7", "Client.send src/Client.java:9",
                "Client.send src/Client.java:11", "- src/Retry.java:3", "Retry.backoff src/Retry.java:7",
                "- tools/main.py:1", "tools.main.main tools/main.py:4");
        assertThat(all.files()).isEqualTo(3);

        Refs code = index.refs("backoff", true, null, 100, chunker);
        assertThat(code.groups().stream().flatMap(g -> g.lines().stream()).map(l -> l.filePath() + ":" + l.line()))
                .containsExactly("src/Client.java:9", "src/Retry.java:7", "tools/main.py:1", "tools/main.py:4");
        assertThat(index.refs("backoff", true, "src/**", 1, chunker)).satisfies(r -> {
            assertThat(r.lines()).isEqualTo(1);
            assertThat(r.truncated()).isTrue();
        });
    }

    @Test
    void theMapRanksTheMostReferencedDefinitionsFirstWithinTheBudget() {
        RepoMap big = index.map(4096);
        assertThat(big.files().getFirst().file()).isEqualTo("src/Retry.java");
        assertThat(big.text()).contains("src/Retry.java:\n", "public long backoff(int attempt)");
        assertThat(big.tokens()).isLessThanOrEqualTo(4096);

        assertThat(big.files()).allSatisfy(f -> assertThat(f.rank()).isFinite().isPositive());
        RepoMap small = index.map(64);
        assertThat(small.tokens()).isLessThanOrEqualTo(64);
        assertThat(small.symbolsShown()).isLessThan(big.symbolsShown());
        assertThat(small.text()).startsWith("src/Retry.java:");
        assertThatThrownBy(() -> index.map(10)).isInstanceOf(InvalidInputException.class);
    }
}
