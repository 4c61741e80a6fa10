package dev.codeindexer.index;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * {@code codebase.json} in an index directory: which codebase, collection and store it holds, so that
 * {@code search --path DIR} finds the collection a custom {@code --collection} gave it, and which generation of the
 * index serves (absent in indexes built before rebuilds made generations: 0).
 *
 * <p>{@code git_dir} is the repository's common git directory when the codebase is a git checkout: how a second
 * worktree finds the index of the first. {@code repository} is what every clone of that repository has in common,
 * its first commit ({@link Worktrees#repository}): how a clone finds the index of another. {@code store_dir} is, for a worktree that shares another's rows
 * ({@link Worktrees}), the index directory holding that store; absent when the store is its own.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CodebaseInfo(String root, String collection, String store,
                           @JsonProperty("created_at") long createdAt, int generation,
                           @JsonProperty("git_dir") String gitDir, @JsonProperty("store_dir") String storeDir,
                           String repository) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "codebase.json";

    /**
     * The record of {@code at} as it serves now, in a store of {@code storeType}, a checkout of the repository whose
     * common git directory is {@code gitDir} (null for none).
     */
    static CodebaseInfo of(IndexLocation at, String storeType, String gitDir) {
        return new CodebaseInfo(at.codebase().toString(), at.name(), storeType, System.currentTimeMillis(),
                at.generation(), gitDir, at.sharesStore() ? at.storeDir().toString() : null,
                Worktrees.repository(at, gitDir));
    }

    /** The directory whose store this codebase's rows are in: {@code store_dir}, else {@code dir} itself. */
    Path storeDir(Path dir) {
        return storeDir == null ? dir : Path.of(storeDir);
    }

    static Optional<CodebaseInfo> read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), CodebaseInfo.class));
        } catch (IOException e) {
            throw new IndexException("cannot read " + file + " (" + e.getMessage() + "); delete it and re-index", e);
        }
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IndexException("cannot write " + dir.resolve(FILE) + " (" + e.getMessage() + ")", e);
        }
    }
}
