package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.search.SearchOptions;
import dev.codeindexer.search.Searcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers' access to codebases: every codebase borrows the server's one model, which outlives them. */
class ServerAccessTest {
    @TempDir
    Path home;
    @TempDir
    Path first;
    @TempDir
    Path second;

    @Test
    void codebasesShareOneModelThatClosesWithTheServer() throws Exception {
        Files.writeString(first.resolve("Upload.java"), """
                class Upload {
                    /** Sends the file again after a network failure. */
                    void retryFailedUpload(String file) { send(file); }
                }
                """);
        Files.writeString(second.resolve("dates.py"), """
                def parse_header_date(value):
                    \"\"\"Parse an HTTP date header.\"\"\"
                    return value
                """);
        EmbeddingModel shared;
        try (ServerAccess access = new ServerAccess(CodeIndexerConfig.defaults(),
                Map.of("CODE_INDEXER_HOME", home.toString(), "HOME", home.toString()), new SimpleMeterRegistry())) {
            Codebase a = access.open(first);
            Codebase b = access.open(second);
            access.index(a, false, p -> { });
            access.index(b, false, p -> { });
            shared = ((ServerAccess.Lent) a.model()).lender();
            assertThat(((ServerAccess.Lent) b.model()).lender()).isSameAs(shared);

            a.close(); // closing one codebase leaves the model to the others
            var hits = new Searcher(b).search(List.of("parse a date header"), SearchOptions.topK(1));
            assertThat(hits.getFirst()).singleElement()
                    .satisfies(h -> assertThat(h.entityId()).isEqualTo("dates.parse_header_date"));
            b.close();
            assertThat(shared.embedQueries(List.of("still open"))).hasSize(1);
        }
        assertThatThrownBy(() -> shared.embedQueries(List.of("after the server stopped")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
