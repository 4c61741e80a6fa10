package dev.codeindexer.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxSessionsTest {
    @TempDir
    Path tmp;

    @Test
    void onlyEmptyExtractionDirectoriesOlderThanTheCutoffAreRemoved() throws Exception {
        Instant now = Instant.now();
        Path oldEmpty = old(Files.createDirectory(tmp.resolve("onnxruntime-java123")), now);
        Path oldFull = Files.createDirectory(tmp.resolve("onnxruntime-java456"));
        Files.writeString(oldFull.resolve("libonnxruntime.so"), "in use");
        old(oldFull, now);
        Path fresh = Files.createDirectory(tmp.resolve("onnxruntime-java789"));
        Path otherName = old(Files.createDirectory(tmp.resolve("tree-sitter-ng-lib")), now);
        Path oldFile = old(Files.writeString(tmp.resolve("onnxruntime-java.txt"), "x"), now);

        OnnxSessions.removeLeftovers(tmp, now.minus(Duration.ofMinutes(10)));

        assertThat(oldEmpty).doesNotExist();
        assertThat(oldFull).as("a process's libraries").isDirectory();
        assertThat(fresh).as("a process extracting right now").isDirectory();
        assertThat(otherName).isDirectory();
        assertThat(oldFile).isRegularFile();
        OnnxSessions.removeLeftovers(tmp.resolve("missing"), now); // no temp dir: nothing to do, no failure
    }

    private static Path old(Path p, Instant now) throws Exception {
        Files.setLastModifiedTime(p, FileTime.from(now.minus(Duration.ofHours(1))));
        return p;
    }
}
