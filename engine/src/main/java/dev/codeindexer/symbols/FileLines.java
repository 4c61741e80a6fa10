package dev.codeindexer.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lines of a codebase's files as they are on disk now, each file read once per answer. Not thread-safe. */
final class FileLines {
    private final Path root;
    private final Map<String, List<String>> read = new HashMap<>();

    FileLines(Path root) {
        this.root = root;
    }

    /** Line {@code number} (1-based) of {@code file}, or empty when the file is gone or shorter now. */
    String line(String file, int number) {
        List<String> lines = read.computeIfAbsent(file, f -> {
            try {
                return new String(Files.readAllBytes(root.resolve(f)), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                return List.of();
            }
        });
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }
}
