package dev.codeindexer.chunk.walk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A text file the walk found worth indexing.
 *
 * @param path         relative to the root, {@code /}-separated
 * @param absolutePath where to read it (through a symbolic link, if it was reached through one)
 * @param size         size in bytes when it was seen
 */
public record SourceFile(String path, Path absolutePath, long size) implements WalkEntry {

    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(absolutePath, "absolutePath");
    }

    /**
     * The file's bytes now.
     *
     * @throws UncheckedIOException when the file can no longer be read (deleted or changed since the walk)
     */
    public byte[] readBytes() {
        try {
            return Files.readAllBytes(absolutePath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file's text now; see {@link #decode(byte[])}.
     *
     * @throws UncheckedIOException when the file can no longer be read
     */
    public String readText() {
        return decode(readBytes());
    }

    /**
     * Text from bytes the way source files are written: UTF-8 unless a byte-order mark says UTF-16, invalid
     * sequences replaced by U+FFFD rather than failing, a UTF-8 byte-order mark dropped.
     */
    public static String decode(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
