package dev.codeindexer.chunk.walk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Decides from a file's name or first bytes that it is not worth reading as source. */
final class FileKinds {

    static final int SNIFF_BYTES = 8192;

    private static final Set<String> BINARY_EXTENSIONS = Set.of(
            "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "tif", "tiff", "psd", "pdf",
            "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "jar", "war", "ear", "class", "dex",
            "so", "dll", "dylib", "exe", "bin", "o", "a", "obj", "lib", "pyc", "pyo", "whl", "egg",
            "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "wav", "ogg", "flac", "avi", "mov", "mkv", "webm",
            "sqlite", "db", "iso", "dmg", "parquet", "onnx", "pt", "safetensors", "npy", "npz", "pkl");

    /** Generated files that are text but never worth searching; {@code .git} is a worktree's link file. */
    private static final Set<String> EXCLUDED_NAMES = Set.of(
            ".git", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "Cargo.lock", "go.sum", "poetry.lock",
            "composer.lock", "Gemfile.lock", "Pipfile.lock", "uv.lock");

    private FileKinds() {
    }

    static boolean hasBinaryExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && BINARY_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static boolean isExcludedName(String name) {
        return EXCLUDED_NAMES.contains(name) || name.endsWith(".min.js") || name.endsWith(".min.css")
                || name.endsWith(".js.map") || name.endsWith(".css.map");
    }

    /** The first {@link #SNIFF_BYTES} bytes of {@code file} (fewer when it is shorter), which the checks below read. */
    static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF_BYTES);
        }
    }

    /** A NUL byte in the first 8 KiB means binary, unless a UTF-16 byte-order mark explains the zeros. */
    static boolean looksBinary(byte[] head) {
        int length = head.length;
        if (length >= 2 && ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE
                || (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (head[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
