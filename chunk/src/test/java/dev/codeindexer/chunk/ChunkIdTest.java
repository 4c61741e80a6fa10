package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunk ids depend only on path, entity, window and content: stable across runs, distinct within a file. */
class ChunkIdTest {

    @Test
    void sameInputGivesTheSameChunksInAnotherChunker() {
        String source = Samples.read("StringUtils.java");
        List<Chunk> first;
        List<Chunk> second;
        try (Chunker a = Chunker.create()) {
            first = a.chunk("src/StringUtils.java", source);
        }
        try (Chunker b = Chunker.create()) {
            second = b.chunk("src/StringUtils.java", source);
        }

        assertThat(second).isEqualTo(first);
    }

    @Test
    void idsAreDistinctHexWithinAFile() {
        try (Chunker chunker = Chunker.create()) {
            for (String file : List.of("StringUtils.java", "shapes.rs", "Shapes.scala", "geometry.py")) {
                List<Chunk> chunks = chunker.chunk(file, Samples.read(file));

                assertThat(chunks).extracting(Chunk::chunkId).doesNotHaveDuplicates()
                        .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{32}"));
            }
        }
    }

    @Test
    void editingOneMethodChangesOnlyItsChunkId() {
        String source = Samples.read("StringUtils.java");
        String edited = source.replace("return true;\n    }\n\n    @Deprecated", "return !false;\n    }\n\n    @Deprecated");
        assertThat(edited).isNotEqualTo(source);
        try (Chunker chunker = Chunker.create()) {
            List<Chunk> before = chunker.chunk("StringUtils.java", source);
            List<Chunk> after = chunker.chunk("StringUtils.java", edited);

            for (Chunk old : before) {
                Chunk now = Samples.find(after, old.entityId());
                if (old.entityId().equals("StringUtils.isBlank")) {
                    assertThat(now.chunkId()).isNotEqualTo(old.chunkId());
                } else {
                    assertThat(now.chunkId()).as(old.entityId()).isEqualTo(old.chunkId());
                }
            }
        }
    }

    @Test
    void samePathMattersToTheId() {
        try (Chunker chunker = Chunker.create()) {
            Chunk a = chunker.chunk("a/x.go", "package x\n\nfunc F() {}\n").getLast();
            Chunk b = chunker.chunk("b/x.go", "package x\n\nfunc F() {}\n").getLast();

            assertThat(a.content()).isEqualTo(b.content());
            assertThat(a.chunkId()).isNotEqualTo(b.chunkId());
        }
    }

    @Test
    void identicalTwinsInOneFileGetDistinctIds() {
        String source = """
                #ifdef FAST
                int f(void) { return 1; }
                #else
                int f(void) { return 1; }
                #endif
                """;
        try (Chunker chunker = Chunker.create()) {
            List<Chunk> twins = chunker.chunk("f.c", source).stream()
                    .filter(c -> c.entityId().equals("f")).toList();

            assertThat(twins).hasSize(2);
            assertThat(twins.get(0).content()).isEqualTo(twins.get(1).content());
            assertThat(twins.get(0).chunkId()).isNotEqualTo(twins.get(1).chunkId());
        }
    }
}
