package dev.codeindexer.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.store.CollectionSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexLocationTest {
    @TempDir
    Path home;

    @Test
    void theIndexLivesUnderTheDataDirNotInTheCodebase() {
        IndexLocation loc = IndexLocation.of(Path.of("/src/My Repo-2"), null, null, Map.of("CODE_INDEXER_HOME", home.toString()));
        assertThat(loc.dir()).startsWithRaw(home);
        assertThat(loc.collection()).matches("my_repo_2_[0-9a-f]{8}");
        assertThat(loc.cacheDir()).isEqualTo(home.resolve("embedding-cache"));
        CollectionSpec.checkName("collection", loc.collection());
    }

    @Test
    void collectionNamesAreValidAndDistinctForSameNamedCheckouts() {
        String a = IndexLocation.collectionName(Path.of("/a/project"));
        String b = IndexLocation.collectionName(Path.of("/b/project"));
        assertThat(a).isNotEqualTo(b).startsWith("project_");
        CollectionSpec.checkName("collection", IndexLocation.collectionName(Path.of("/x/2024-ünïcode")));
        CollectionSpec.checkName("collection", IndexLocation.collectionName(Path.of("/")));
    }

    @Test
    void dataHomeFollowsXdgThenHome() {
        assertThat(IndexLocation.dataHome(Map.of("XDG_DATA_HOME", "/x", "HOME", "/h"))).isEqualTo(Path.of("/x/code-indexer"));
        assertThat(IndexLocation.dataHome(Map.of("HOME", "/h"))).isEqualTo(Path.of("/h/.local/share/code-indexer"));
    }

    @Test
    void aRecordedCustomCollectionIsFoundAgainFromThePath() {
        Map<String, String> env = Map.of("CODE_INDEXER_HOME", home.toString());
        IndexLocation first = IndexLocation.of(Path.of("/src/app"), null, "custom_name", env);
        new CodebaseInfo("/src/app", "custom_name", "lucene", 1, 0, null, null, null).write(first.dir());
        assertThat(IndexLocation.of(Path.of("/src/app"), null, null, env).collection()).isEqualTo("custom_name");
    }

    @Test
    void theGenerationThatServesIsReadFromTheRecordAndAnOlderRecordReadsAsTheFirst() throws Exception {
        Map<String, String> env = Map.of("CODE_INDEXER_HOME", home.toString());
        IndexLocation first = IndexLocation.of(Path.of("/src/app"), null, null, env);
        assertThat(first.generation()).isZero();
        assertThat(first.collection()).isEqualTo(first.name());
        java.nio.file.Files.createDirectories(first.dir());
        // As indexes built before generations recorded it: no generation field.
        java.nio.file.Files.writeString(first.dir().resolve("codebase.json"), "{\"root\":\"/src/app\",\"collection\":\""
                + first.name() + "\",\"store\":\"lucene\",\"created_at\":1}");
        assertThat(IndexLocation.of(Path.of("/src/app"), null, null, env)).isEqualTo(first);

        new CodebaseInfo("/src/app", first.name(), "lucene", 2, 3, null, null, null).write(first.dir());
        IndexLocation third = IndexLocation.of(Path.of("/src/app"), null, null, env);
        assertThat(third.collection()).isEqualTo(first.name() + "_g3");
        assertThat(third.manifestFile().getFileName().toString()).isEqualTo("manifest-" + first.name() + "_g3.jsonl");
        assertThat(first.current()).isEqualTo(third);
        // A collection named on the command line other than the recorded one has no generations of its own.
        assertThat(IndexLocation.of(Path.of("/src/app"), null, "other", env).collection()).isEqualTo("other");
    }
}
