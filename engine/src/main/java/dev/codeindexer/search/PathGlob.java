package dev.codeindexer.search;

import dev.codeindexer.error.InvalidInputException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Collection;
import java.util.List;

/**
 * Matches indexed file paths against a glob. The store filter model has no glob operator (Milvus and Lucene
 * disagree on wildcard semantics and escaping), so a glob is resolved against the manifest's file list and becomes
 * an exact {@code file_path in [...]} filter: precise, portable, and applied before ranking, so top-k stays right.
 */
public final class PathGlob {
    private final PathMatcher matcher;
    private final boolean nameOnly;

    private PathGlob(PathMatcher matcher, boolean nameOnly) {
        this.matcher = matcher;
        this.nameOnly = nameOnly;
    }

    /** A glob with a {@code /} matches whole relative paths; one without matches file names anywhere. */
    public static PathGlob of(String glob) {
        try {
            return new PathGlob(FileSystems.getDefault().getPathMatcher("glob:" + glob), !glob.contains("/"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--path-glob '" + glob + "' is not a valid glob: " + e.getMessage());
        }
    }

    public boolean matches(String relativePath) {
        Path p = Path.of(relativePath);
        return matcher.matches(nameOnly ? p.getFileName() : p);
    }

    public List<String> filter(Collection<String> paths) {
        return paths.stream().filter(this::matches).sorted().toList();
    }
}
