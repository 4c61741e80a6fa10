package dev.codeindexer.chunk.walk;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a repository is walked.
 *
 * @param maxFileBytes         larger files are skipped as {@link SkipReason#TOO_LARGE}
 * @param followSymlinks       follow symbolic links to files and directories inside the root (loops and links
 *                             leaving the root are skipped either way)
 * @param respectIgnoreFiles   apply {@code .gitignore}, {@code .codeindexerignore} and {@code .git/info/exclude}
 * @param excludedDirectories  directory names never entered, at any depth
 * @param allowSecrets         gitignore-style patterns (relative to the root) of paths let through although the
 *                             built-in secrets deny list would skip them as {@link SkipReason#SECRET}; empty by
 *                             default, since nothing but an explicit choice should put a key into an index
 */
public record WalkOptions(long maxFileBytes, boolean followSymlinks, boolean respectIgnoreFiles,
                          Set<String> excludedDirectories, List<String> allowSecrets) {

    public static final long DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

    /** Build output, dependencies, caches and tool state that are never source worth searching. */
    public static final Set<String> DEFAULT_EXCLUDED_DIRECTORIES = Set.of(
            ".git", ".hg", ".svn", ".bzr", "node_modules", "bower_components", "target", "build", "dist", "out",
            ".venv", "venv", "vendor", "__pycache__", ".gradle", ".idea", ".vscode", ".tox", ".nox", ".mypy_cache",
            ".pytest_cache", ".ruff_cache", ".cache", ".next", ".nuxt", ".svelte-kit", ".parcel-cache", ".terraform",
            ".dart_tool", ".eggs", "coverage", ".nyc_output", "Pods", "DerivedData", ".code-indexer");

    public WalkOptions {
        Objects.requireNonNull(excludedDirectories, "excludedDirectories");
        excludedDirectories = Set.copyOf(excludedDirectories);
        allowSecrets = List.copyOf(allowSecrets);
        if (maxFileBytes <= 0) {
            throw new IllegalArgumentException("maxFileBytes must be positive, got " + maxFileBytes);
        }
    }

    /** 1 MiB, follow links, honour ignore files, {@link #DEFAULT_EXCLUDED_DIRECTORIES}, no secret let through. */
    public static WalkOptions defaults() {
        return new WalkOptions(DEFAULT_MAX_FILE_BYTES, true, true, DEFAULT_EXCLUDED_DIRECTORIES, List.of());
    }

    public WalkOptions withMaxFileBytes(long value) {
        return new WalkOptions(value, followSymlinks, respectIgnoreFiles, excludedDirectories, allowSecrets);
    }

    public WalkOptions withFollowSymlinks(boolean value) {
        return new WalkOptions(maxFileBytes, value, respectIgnoreFiles, excludedDirectories, allowSecrets);
    }

    public WalkOptions withRespectIgnoreFiles(boolean value) {
        return new WalkOptions(maxFileBytes, followSymlinks, value, excludedDirectories, allowSecrets);
    }

    public WalkOptions withExcludedDirectories(Set<String> value) {
        return new WalkOptions(maxFileBytes, followSymlinks, respectIgnoreFiles, value, allowSecrets);
    }

    public WalkOptions withAllowSecrets(List<String> value) {
        return new WalkOptions(maxFileBytes, followSymlinks, respectIgnoreFiles, excludedDirectories, value);
    }
}
