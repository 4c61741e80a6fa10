package dev.codeindexer.chunk.walk;

import java.util.Objects;

/**
 * A path the walk did not yield as a source file. A skipped directory stands for everything under it.
 *
 * @param path   relative to the root, {@code /}-separated
 * @param reason why
 * @param detail more about the reason (the ignore file and rule, the I/O error), or empty
 */
public record Skip(String path, SkipReason reason, String detail) implements WalkEntry {

    public Skip {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public Skip(String path, SkipReason reason) {
        this(path, reason, "");
    }
}
