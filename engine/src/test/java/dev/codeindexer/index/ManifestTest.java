package dev.codeindexer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    @TempDir
    Path dir;

    private static FileEntry entry(String path, String hash) {
        return new FileEntry(path, hash, 10, 1000, "java", List.of(path + "#1", path + "#2"), 5);
    }

    @Test
    void recordsSurviveAReload() {
        Path file = dir.resolve("m.jsonl");
        Manifest m = Manifest.load(file);
        m.record(List.of(entry("a.java", "h1"), entry("b.java", "h2")), List.of());
        m.record(List.of(entry("a.java", "h3")), List.of("b.java"));
        m.finishRun(42);
        Manifest again = Manifest.load(file);
        assertThat(again.files()).extracting(FileEntry::path).containsExactly("a.java");
        assertThat(again.get("a.java").hash()).isEqualTo("h3");
        assertThat(again.get("a.java").chunkIds()).containsExactly("a.java#1", "a.java#2");
        assertThat(again.lastIndexed()).isEqualTo(42);
    }

    @Test
    void pendingFilesSurviveAReloadAndCompactionUntilRecordedOrRemoved() {
        Path file = dir.resolve("m.jsonl");
        Manifest m = Manifest.load(file);
        m.record(List.of(entry("known.java", "h1")), List.of());
        m.markPending(List.of(entry("a.java", "h2"), entry("b.java", "h2"), entry("known.java", "h1")));
        assertThat(Manifest.load(file).pending()).as("a recorded file is never pending")
                .containsExactlyInAnyOrder("a.java", "b.java");
        m.record(List.of(entry("a.java", "h2")), List.of());
        for (int i = 0; i < 40; i++) {
            m.record(List.of(entry("known.java", "h" + i)), List.of());
        }
        m.compact();
        Manifest again = Manifest.load(file);
        assertThat(again.pending()).containsExactly("b.java");
        again.record(List.of(), List.of("b.java"));
        assertThat(Manifest.load(file).pending()).isEmpty();
    }

    @Test
    void theIdsAboutToBeWrittenAreKnownAfterACrashUntilTheirFileIsRecorded() {
        Path file = dir.resolve("m.jsonl");
        Manifest m = Manifest.load(file);
        m.record(List.of(entry("known.java", "h1")), List.of());
        FileEntry changed = new FileEntry("known.java", "h2", 10, 1, "java", List.of("known.java#new"), 1);
        FileEntry fresh = new FileEntry("a.java", "h1", 10, 1, "java", List.of("a.java#1", "a.java#2"), 1);
        m.markPending(List.of(changed, fresh, entry("known.java", "h1")));
        Manifest crashed = Manifest.load(file);
        assertThat(crashed.pendingIds("known.java")).as("a recorded file's new ids").containsExactly("known.java#new");
        assertThat(crashed.pendingIds("a.java")).containsExactly("a.java#1", "a.java#2");
        assertThat(crashed.ids()).containsExactlyInAnyOrder("known.java#1", "known.java#2", "known.java#new",
                "a.java#1", "a.java#2");
        for (int i = 0; i < 40; i++) {
            crashed.record(List.of(entry("b.java", "h" + i)), List.of());
        }
        crashed.compact();
        assertThat(Manifest.load(file).pendingIds("a.java")).as("kept by compaction").hasSize(2);
        crashed.record(List.of(fresh), List.of("known.java"));
        Manifest after = Manifest.load(file);
        assertThat(after.pendingIds("a.java")).isEmpty();
        assertThat(after.pendingIds("known.java")).isEmpty();
        assertThat(after.ids()).doesNotContain("known.java#new");
    }

    @Test
    void pendingMarksAreCompactedAwayOnceTheirFilesAreRecorded() throws Exception {
        Path file = dir.resolve("m.jsonl");
        Manifest m = Manifest.load(file);
        m.markPending(List.of(entry("a.java", "h1"), entry("b.java", "h1")));
        m.record(List.of(entry("a.java", "h1")), List.of());
        m.compact();
        assertThat(Files.readString(file)).as("b.java is still pending").contains("\"pending\"");
        m.record(List.of(entry("b.java", "h1")), List.of());
        m.compact();
        assertThat(Files.readAllLines(file)).hasSize(3).noneMatch(l -> l.contains("\"pending\""));
        assertThat(Manifest.load(file).files()).hasSize(2);
    }

    @Test
    void aTornLastLineIsDroppedAndTheNextAppendStartsCleanly() throws Exception {
        Path file = dir.resolve("m.jsonl");
        Manifest m = Manifest.load(file);
        m.record(List.of(entry("a.java", "h1")), List.of());
        Files.writeString(file, "{\"op\":\"put\",\"file\":{\"path\":\"b.ja", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Manifest recovered = Manifest.load(file);
        assertThat(recovered.files()).extracting(FileEntry::path).containsExactly("a.java");
        recovered.record(List.of(entry("c.java", "h2")), List.of());
        assertThat(Manifest.load(file).files()).extracting(FileEntry::path).containsExactly("a.java", "c.java");
    }

    @Test
    void corruptionInTheMiddleIsAnErrorThatSaysToRebuild() throws Exception {
        Path file = dir.resolve("m.jsonl");
        Files.writeString(file, "garbage\n{\"op\":\"meta\",\"last_indexed\":1}\n");
        assertThatThrownBy(() -> Manifest.load(file)).isInstanceOf(IndexException.class)
                .hasMessageContaining("corrupt at line 1").hasMessageContaining("--full");
    }

    @Test
    void clearAndCompactKeepOnlyTheCurrentState() throws Exception {
        Path file = dir.resolve("m.jsonl");
        Manifest m = Manifest.load(file);
        for (int i = 0; i < 40; i++) {
            m.record(List.of(entry("f" + (i % 3) + ".java", "h" + i)), List.of());
        }
        m.compact();
        assertThat(Files.readAllLines(file)).hasSize(4);
        assertThat(Manifest.load(file).get("f0.java").hash()).isEqualTo("h39");
        m.clear();
        assertThat(Manifest.load(file).size()).isZero();
    }
}
