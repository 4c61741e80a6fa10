package dev.codeindexer.chunk.walk;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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

    /** An {@link SkipReason#UNREADABLE} skip that says why in words, not with the path again. */
    public static Skip unreadable(String path, Throwable error) {
        return new Skip(path, SkipReason.UNREADABLE, why(error));
    }

    /**
     * Why a file could not be read. The JDK's file exceptions carry the path as their message ("/src/A.java"), which
     * says nothing the skip does not already say; their reason or their kind does.
     */
    static String why(Throwable error) {
        Throwable e = error instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : error;
        return switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NoSuchFileException n -> "it vanished during the run";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            case SecurityException x -> "denied by the security manager: " + x.getMessage();
            default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        };
    }
}
