package dev.codeindexer.server;

import dev.codeindexer.index.GitRevision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The directories {@code serve} and {@code mcp} may index and search ({@code server.roots}): a client of a server
 * must not be able to turn it on {@code /etc}, {@code ~/.ssh} or another user's files. Paths are compared after
 * resolving symbolic links, so a link inside a root that points outside it does not widen the roots.
 *
 * <p>Unset, the roots are the user's home directory without its dot-folders ({@code ~/.ssh}, {@code ~/.aws},
 * {@code ~/.config}... and anything under a folder whose name starts with a dot): that is where people keep the code
 * they work on, so {@code serve} and {@code mcp} work at once for it, and where dot-folders hold credentials and
 * tool state, which are never code worth serving. Set, the list replaces that default entirely.
 */
public final class AllowedRoots {
    private final List<Path> roots;
    /** The home directory when the roots are the default, else null. */
    private final Path home;
    private final String described;

    private AllowedRoots(List<Path> roots, Path home, String described) {
        this.roots = roots;
        this.home = home;
        this.described = described;
    }

    /**
     * The roots {@code configured} names ({@code ~} is the home directory), or the default when it is empty.
     *
     * @param env the environment, for {@code HOME}
     */
    public static AllowedRoots of(List<String> configured, Map<String, String> env) {
        Path home = real(Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))).toAbsolutePath().normalize());
        if (configured.isEmpty()) {
            return new AllowedRoots(List.of(home), home, "server.roots is unset, which allows the home directory "
                    + home + " without its dot-folders");
        }
        List<Path> roots = new ArrayList<>();
        for (String root : configured) {
            roots.add(directory(root, env));
        }
        return new AllowedRoots(List.copyOf(roots), null, "server.roots allows " + roots);
    }

    /** A directory as the server's config names it ({@code ~} is the home directory), absolute and real. */
    public static Path directory(String configured, Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home"))).toAbsolutePath().normalize();
        String expanded = configured.equals("~") ? home.toString()
                : configured.startsWith("~/") ? home.resolve(configured.substring(2)).toString() : configured;
        return real(Path.of(expanded).toAbsolutePath().normalize());
    }

    /**
     * Checks that the codebase at {@code root} (absolute, normalised) is one this server may touch.
     *
     * @throws OutsideRootsException naming {@code server.roots}
     */
    public void check(Path root) {
        Path path = real(root);
        for (Path allowed : roots) {
            if (path.startsWith(allowed) && (home == null || !inDotFolder(allowed.relativize(path)))) {
                return;
            }
        }
        // A revision's files, unpacked under the data dir, are as open as the repository they come from.
        Path repository = GitRevision.repositoryOf(path).map(AllowedRoots::real).orElse(null);
        if (repository != null && allows(repository)) {
            return;
        }
        throw new OutsideRootsException(root + (path.equals(root) ? "" : " (" + path + ")")
                + " is outside the directories this server may index and search (" + described + "); add it to "
                + "server.roots in the server's config");
    }

    /** Whether {@link #check} lets {@code root} through. */
    public boolean allows(Path root) {
        try {
            check(root);
            return true;
        } catch (OutsideRootsException e) {
            return false;
        }
    }

    private static boolean inDotFolder(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code path} with its symbolic links resolved as far as it exists, the rest appended as it is: a codebase that
     * does not exist yet is still judged by where its existing parent really is.
     */
    private static Path real(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path)).normalize();
        } catch (IOException | SecurityException e) {
            return path;
        }
    }
}
