package dev.codeindexer.index;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the index of one codebase lives: a directory of its own under the user's data dir (or the one given with
 * {@code --index-dir}), never inside the indexed tree unless asked. It holds the embedded store, the manifest, the
 * symbol table and nothing else of the codebase's; the embedding cache is shared by all codebases under the data dir.
 *
 * <p>An index is rebuilt ({@code index --full}) as a new generation beside the one that serves, in a collection of
 * its own, with its own manifest and symbol table; {@code codebase.json} names the generation that serves and is
 * replaced atomically when a rebuild completes, so readers see the old generation or the new one, never a half-built
 * one.
 *
 * @param codebase   the indexed root, absolute and normalised
 * @param dir        this codebase's index directory
 * @param name       the collection name: as given, else as recorded by the last {@code index} in this
 *                   directory, else derived from the path
 * @param generation which build of the index this is: 0 for the first, one more for each completed rebuild
 * @param cacheDir   the embedding cache shared by all codebases
 * @param storeDir   the index directory whose store holds the rows and whose lock guards writing them: {@code dir}
 *                   itself, or for a git worktree that shares the rows of another's index ({@link Worktrees}), that
 *                   index's directory
 */
public record IndexLocation(Path codebase, Path dir, String name, int generation, Path cacheDir, Path storeDir) {

    /** A location whose store is its own. */
    public IndexLocation(Path codebase, Path dir, String name, int generation, Path cacheDir) {
        this(codebase, dir, name, generation, cacheDir, dir);
    }

    /**
     * Resolves the location of {@code codebase}.
     *
     * @param indexDir   {@code --index-dir}, or null for the default under the data dir
     * @param collection {@code --collection}, or null to derive one from the path
     * @param env        the environment ({@code CODE_INDEXER_HOME}, {@code XDG_DATA_HOME}, {@code HOME})
     */
    public static IndexLocation of(Path codebase, Path indexDir, String collection, Map<String, String> env) {
        Path root = codebase.toAbsolutePath().normalize();
        Path home = dataHome(env);
        String derived = collectionName(root);
        Path dir = indexDir != null ? indexDir.toAbsolutePath().normalize() : home.resolve("codebases").resolve(derived);
        Optional<CodebaseInfo> info = CodebaseInfo.read(dir);
        String name = collection != null ? collection : info.map(CodebaseInfo::collection).orElse(derived);
        Path storeDir = collection != null ? dir : info.map(i -> i.storeDir(dir)).orElse(dir);
        return new IndexLocation(root, dir, name, 0, cacheDir(env), storeDir).current();
    }

    /**
     * This location, or, when it is a git worktree never indexed here whose repository has another worktree (or a
     * clone) indexed into a store of type {@code storeType} under the same data dir, the location that shares that
     * index's rows ({@link Worktrees}). Only for default locations (no {@code --index-dir} or {@code --collection}).
     */
    public IndexLocation sharingWorktrees(String storeType) {
        if (CodebaseInfo.read(dir).isPresent() || dir.getParent() == null) {
            return this;
        }
        return Worktrees.host(dir, Worktrees.commonGitDir(codebase), storeType)
                .map(host -> new IndexLocation(codebase, dir, host.name(), host.generation(), cacheDir, host.dir()))
                .orElse(this);
    }

    /** Whether this codebase's rows are in another index directory's store, shared with other worktrees. */
    public boolean sharesStore() {
        return !storeDir.equals(dir);
    }

    /** The store collection of this generation: the name itself for the first, {@code NAME_gN} after a rebuild. */
    public String collection() {
        return generation == 0 ? name : name + "_g" + generation;
    }

    /** This location at another generation of the index. */
    public IndexLocation withGeneration(int g) {
        return new IndexLocation(codebase, dir, name, g, cacheDir, storeDir);
    }

    /**
     * This location at the generation that serves now, as {@code codebase.json} records it (for a worktree about to
     * share another's store, as that one's records it).
     */
    public IndexLocation current() {
        int serving = CodebaseInfo.read(dir).or(() -> CodebaseInfo.read(storeDir))
                .filter(i -> i.collection().equals(name)).map(CodebaseInfo::generation).orElse(0);
        return serving == generation ? this : withGeneration(serving);
    }

    /**
     * The roots of the codebases indexed under the data dir into the store of type {@code storeType} (as
     * {@code index} records them in each index directory), sorted; codebases indexed elsewhere with
     * {@code --index-dir} are not listed.
     */
    public static List<Path> indexedCodebases(Map<String, String> env, String storeType) {
        Path all = dataHome(env).resolve("codebases");
        if (!Files.isDirectory(all)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(all)) {
            return dirs.map(CodebaseInfo::read).flatMap(Optional::stream)
                    .filter(i -> storeType.equals(i.store())).map(i -> Path.of(i.root())).sorted().toList();
        } catch (IOException e) {
            throw new IndexException("cannot list the indexed codebases under " + all + " (" + e.getMessage() + ")", e);
        }
    }

    /** The embedding cache every codebase shares: {@code embedding-cache} under the data dir. */
    public static Path cacheDir(Map<String, String> env) {
        return dataHome(env).resolve("embedding-cache");
    }

    /** {@code $CODE_INDEXER_HOME}, else {@code $XDG_DATA_HOME/code-indexer}, else {@code ~/.local/share/code-indexer}. */
    public static Path dataHome(Map<String, String> env) {
        String explicit = env.get("CODE_INDEXER_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "code-indexer").toAbsolutePath().normalize();
        }
        String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(userHome, ".local", "share", "code-indexer").toAbsolutePath().normalize();
    }

    /**
     * A valid collection name for {@code root}: its folder name, made safe, plus a hash of the full path so two
     * checkouts named alike never share a collection (which matters on a shared Milvus server).
     */
    public static String collectionName(Path root) {
        Path name = root.getFileName();
        String base = (name == null ? "root" : name.toString()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_");
        base = base.replaceAll("^_+|_+$", "");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "c_" + base;
        }
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return base + "_" + sha256(root.toString()).substring(0, 8);
    }

    /**
     * Whether this codebase has been indexed here: every index run writes its {@code codebase.json} and manifest,
     * and an import its marker first, and nothing else does. A read that finds none answers "not indexed" without
     * opening a store, which would create it. (The directory alone is no sign: a deleted worktree's directory stays
     * while it holds a store other worktrees share.)
     */
    public boolean exists() {
        return Files.isRegularFile(dir.resolve(CodebaseInfo.FILE)) || Files.isRegularFile(manifestFile())
                || Files.isRegularFile(dir.resolve(IndexArchive.PARTIAL));
    }

    public Path manifestFile() {
        return dir.resolve("manifest-" + collection() + ".jsonl");
    }

    /** The symbol table, beside the manifest. */
    public Path symbolsFile() {
        return dir.resolve("symbols-" + collection() + ".jsonl");
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
