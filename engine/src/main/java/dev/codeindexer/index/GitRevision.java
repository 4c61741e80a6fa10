package dev.codeindexer.index;

import dev.codeindexer.error.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A git revision of a repository as a tree of files that can be indexed and searched like any codebase, made
 * without checking it out: the working tree, its index and its HEAD are left alone, so CI and servers index a tag or
 * a branch while the checkout is used for something else.
 *
 * <p>The tree is the revision's {@code git archive} (what is committed, by commit id, so every branch or tag naming
 * the same commit shares it), unpacked once under the data dir at {@code revisions/REPO/COMMIT} and kept: search
 * hits, {@code grep} and {@code outline} read files from it as they read a checkout. The git binary does the work
 * (no library to load, and {@code git archive | tar -x} is as fast as git gets at writing a tree).
 *
 * @param repository the repository's top-level directory
 * @param rev        the revision as given (a branch, tag, or commit)
 * @param commit     the full commit id it names
 * @param tree       where the revision's files are, once {@link #materialize}d
 */
public record GitRevision(Path repository, String rev, String commit, Path tree) {

    /**
     * Resolves {@code rev} in the repository that contains {@code dir}.
     *
     * @throws InvalidInputException when {@code dir} is in no git repository or {@code rev} names no commit there
     */
    public static GitRevision resolve(Path dir, String rev, Map<String, String> env) {
        if (rev.isBlank() || rev.startsWith("-")) {
            throw new InvalidInputException("--rev '" + rev + "' is not a revision; give a branch, tag or commit");
        }
        Path start = dir.toAbsolutePath().normalize();
        String top = git(start, List.of("rev-parse", "--show-toplevel"),
                start + " is not inside a git repository, so --rev has nothing to read; give a repository's directory");
        Path repository = Path.of(top).toAbsolutePath().normalize();
        String commit = git(repository, List.of("rev-parse", "--verify", "--quiet", rev + "^{commit}"),
                "--rev '" + rev + "' names no commit in " + repository + "; give a branch, tag or commit id");
        Path tree = IndexLocation.dataHome(env).resolve("revisions").resolve(IndexLocation.collectionName(repository))
                .resolve(commit);
        return new GitRevision(repository, rev, commit, tree);
    }

    public boolean materialized() {
        return Files.isDirectory(tree);
    }

    /**
     * Unpacks the revision's files into {@link #tree}, unless done before; a run cut short leaves a directory
     * beside it that the next run removes.
     *
     * @return whether it was unpacked now
     */
    public boolean materialize() {
        if (materialized()) {
            markRepository();
            return false;
        }
        Path partial = tree.resolveSibling(commit + ".partial");
        Path archive = tree.resolveSibling(commit + ".tar");
        try {
            deleteTree(partial);
            Files.createDirectories(partial);
            run(new ProcessBuilder("git", "-C", repository.toString(), "archive", "--format=tar", "-o",
                    archive.toString(), commit), "git archive " + commit);
            run(new ProcessBuilder("tar", "-x", "-f", archive.toString(), "-C", partial.toString()), "tar -x");
            Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
            markRepository();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + rev + " of " + repository + " into " + tree + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(archive);
                deleteTree(partial);
            } catch (IOException ignored) {
                // the failure above, if any, is the one to report; the next run removes what is left
            }
        }
    }

    /**
     * Writes beside the tree which repository it comes from, as a {@code .git} file would say it inside (the tree
     * holds only the revision's files): so the revision's index shares the rows of the repository's other indexed
     * worktrees and revisions ({@link Worktrees}), and indexing another revision writes and embeds only what differs.
     */
    private void markRepository() {
        String gitDir = Worktrees.commonGitDir(repository);
        Path marker = Worktrees.revisionMarker(tree);
        if (gitDir == null || Files.isRegularFile(marker)) {
            return;
        }
        try {
            Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(tmp, "gitdir: " + gitDir + "\n");
            Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker + ": " + e.getMessage(), e);
        }
    }

    /**
     * The repository a revision's tree was unpacked from, as the marker beside it names it, when {@code tree} is
     * such a tree of a repository with a working tree; else empty.
     */
    public static Optional<Path> repositoryOf(Path tree) {
        Path marker = Worktrees.revisionMarker(tree);
        if (Files.exists(tree.resolve(".git")) || !Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        String gitDir = Worktrees.commonGitDir(tree);
        Path dir = gitDir == null ? null : Path.of(gitDir);
        return dir != null && dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                ? Optional.of(dir.getParent()) : Optional.empty();
    }

    /** {@code REPO@REV (COMMIT12)}, for messages. */
    public String describe() {
        return repository + "@" + rev + (rev.equals(commit) ? "" : " (" + commit.substring(0, 12) + ")");
    }

    /** The first line git prints, or an {@link InvalidInputException} with {@code mistake} when it fails. */
    private static String git(Path dir, List<String> args, String mistake) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                throw new InvalidInputException(mistake);
            }
            return out.lines().findFirst().orElseThrow();
        } catch (IOException e) {
            throw new IndexException("cannot run git (" + e.getMessage() + "); --rev needs the git command on PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IndexException("interrupted while running git", e);
        }
    }

    private static void run(ProcessBuilder builder, String what) throws IOException {
        Process p = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(what + " failed (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
    }

    /**
     * Removes a revision's unpacked tree and the marker beside it, once nothing needs it (its index deleted first):
     * a server does so for the commits a branch it follows has left.
     */
    public static void discardTree(Path tree) {
        try {
            Files.deleteIfExists(Worktrees.revisionMarker(tree));
            deleteTree(tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + tree + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
