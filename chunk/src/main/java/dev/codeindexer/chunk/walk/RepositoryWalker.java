package dev.codeindexer.chunk.walk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Walks a repository and yields the files worth indexing, and a {@link Skip} with its reason for everything else it
 * decided against. Lazy and depth-first: only the directories on the current path are held, each listing sorted by
 * name, so the order is deterministic (paths sorted component by component) and a huge repository is never in memory.
 * Nothing below the root is fatal: unreadable files and directories, broken links and link loops are skips.
 *
 * <pre>{@code
 * WalkReport report = RepositoryWalker.create(root, WalkOptions.defaults())
 *         .walk(file -> index(file.path(), file.readText()), skip -> log(skip));
 * }</pre>
 */
public final class RepositoryWalker {

    static final String GITIGNORE = ".gitignore";
    static final String CODEINDEXERIGNORE = ".codeindexerignore";

    private final Path root;
    private final Path realRoot;
    private final WalkOptions options;
    private final SecretRules secrets;

    private RepositoryWalker(Path root, Path realRoot, WalkOptions options) {
        this.root = root;
        this.realRoot = realRoot;
        this.options = options;
        this.secrets = SecretRules.of(options.allowSecrets());
    }

    /** A walker of {@code root}, which must be a readable directory. */
    public static RepositoryWalker create(Path root, WalkOptions options) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(options, "options");
        Path absolute = root.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new WalkException("cannot index " + absolute + ": it is not a directory");
        }
        try {
            return new RepositoryWalker(absolute, absolute.toRealPath(), options);
        } catch (IOException e) {
            throw new WalkException("cannot index " + absolute + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** Everything the walk decides on, lazily, in path order. Each call walks anew. */
    public Stream<WalkEntry> entries() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Walk(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Walks, handing each source file and skip to the callbacks, and returns the tally. */
    public WalkReport walk(Consumer<? super SourceFile> onFile, Consumer<? super Skip> onSkip) {
        long files = 0;
        long bytes = 0;
        Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
        for (Iterator<WalkEntry> it = new Walk(); it.hasNext(); ) {
            switch (it.next()) {
                case SourceFile file -> {
                    files++;
                    bytes += file.size();
                    onFile.accept(file);
                }
                case Skip skip -> {
                    skipped.merge(skip.reason(), 1L, Long::sum);
                    onSkip.accept(skip);
                }
            }
        }
        return new WalkReport(files, bytes, skipped);
    }

    /** A directory on the current path: where it is, its rules, its sorted entries and how far we are in them. */
    private static final class Dir {
        final Dir parent;
        final Path path;
        final Path realPath;
        final String rel;
        final IgnoreRules rules;
        final List<String> names;
        int next;

        Dir(Dir parent, Path path, Path realPath, String rel, IgnoreRules rules, List<String> names) {
            this.parent = parent;
            this.path = path;
            this.realPath = realPath;
            this.rel = rel;
            this.rules = rules;
            this.names = names;
        }

        boolean isOnPath(Path real) {
            for (Dir dir = this; dir != null; dir = dir.parent) {
                if (dir.realPath.equals(real)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final class Walk implements Iterator<WalkEntry> {
        private final Deque<Dir> stack = new ArrayDeque<>();
        private final Deque<WalkEntry> ready = new ArrayDeque<>();

        Walk() {
            open(null, root, realRoot, "");
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !stack.isEmpty()) {
                Dir dir = stack.peek();
                if (dir.next >= dir.names.size()) {
                    stack.pop();
                    continue;
                }
                String name = dir.names.get(dir.next++);
                WalkEntry entry = decide(dir, name);
                if (entry != null) {
                    ready.add(entry);
                }
            }
            return !ready.isEmpty();
        }

        @Override
        public WalkEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        /** Lists a directory and pushes it; an unreadable one becomes a skip. */
        private void open(Dir parent, Path path, Path realPath, String rel) {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(path)) {
                for (Path child : listing) {
                    names.add(child.getFileName().toString());
                }
            } catch (IOException | SecurityException e) {
                if (parent == null) {
                    throw new WalkException("cannot list " + path + ": " + e.getMessage(), e);
                }
                ready.add(Skip.unreadable(rel, e));
                return;
            }
            names.sort(null);
            IgnoreRules inherited = parent == null ? IgnoreRules.NONE : parent.rules;
            IgnoreRules rules = options.respectIgnoreFiles()
                    ? inherited.child(rel, ignoreFiles(path, rel, names, parent == null)) : inherited;
            stack.push(new Dir(parent, path, realPath, rel, rules, names));
        }

        /** The decision for one directory entry: a file, a skip, or null after entering a directory. */
        private WalkEntry decide(Dir dir, String name) {
            Path path = dir.path.resolve(name);
            String rel = dir.rel.isEmpty() ? name : dir.rel + "/" + name;
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException | SecurityException e) {
                return Skip.unreadable(rel, e);
            }
            Path realPath = dir.realPath.resolve(name);
            if (attributes.isSymbolicLink()) {
                if (!options.followSymlinks()) {
                    return new Skip(rel, SkipReason.SYMLINK_NOT_FOLLOWED);
                }
                try {
                    realPath = path.toRealPath();
                    if (!realPath.startsWith(realRoot)) {
                        return new Skip(rel, SkipReason.SYMLINK_OUTSIDE_ROOT, realPath.toString());
                    }
                    attributes = Files.readAttributes(realPath, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    return new Skip(rel, SkipReason.BROKEN_SYMLINK);
                } catch (FileSystemException e) {
                    // ELOOP: a chain of links that never reaches a file.
                    boolean loop = e.getReason() != null && e.getReason().contains("levels of symbolic links");
                    return new Skip(rel, loop ? SkipReason.SYMLINK_LOOP : SkipReason.UNREADABLE, describe(e));
                } catch (IOException | SecurityException e) {
                    return Skip.unreadable(rel, e);
                }
            }
            if (attributes.isDirectory()) {
                if (options.excludedDirectories().contains(name)) {
                    return new Skip(rel, SkipReason.EXCLUDED);
                }
                IgnoreRules.Verdict verdict = dir.rules.check(rel, true);
                if (verdict != null && verdict.ignored()) {
                    return new Skip(rel, SkipReason.IGNORED, verdict.rule());
                }
                String secret = secrets.byName(rel, name, true);
                if (secret != null) {
                    return new Skip(rel, SkipReason.SECRET, secret);
                }
                if (dir.isOnPath(realPath)) {
                    return new Skip(rel, SkipReason.SYMLINK_LOOP, realPath.toString());
                }
                open(dir, path, realPath, rel);
                return null;
            }
            if (!attributes.isRegularFile()) {
                return new Skip(rel, SkipReason.NOT_REGULAR_FILE);
            }
            IgnoreRules.Verdict verdict = dir.rules.check(rel, false);
            if (verdict != null && verdict.ignored()) {
                return new Skip(rel, SkipReason.IGNORED, verdict.rule());
            }
            if (FileKinds.isExcludedName(name)) {
                return new Skip(rel, SkipReason.EXCLUDED);
            }
            String secret = secrets.byName(rel, name, false);
            if (secret != null) {
                return new Skip(rel, SkipReason.SECRET, secret);
            }
            if (FileKinds.hasBinaryExtension(name)) {
                return new Skip(rel, SkipReason.BINARY, "extension");
            }
            if (attributes.size() > options.maxFileBytes()) {
                return new Skip(rel, SkipReason.TOO_LARGE, attributes.size() + " bytes");
            }
            byte[] head;
            try {
                head = FileKinds.head(path);
            } catch (IOException | SecurityException e) {
                return Skip.unreadable(rel, e);
            }
            if (FileKinds.looksBinary(head)) {
                return new Skip(rel, SkipReason.BINARY, "NUL byte");
            }
            secret = secrets.byContent(rel, head);
            if (secret != null) {
                return new Skip(rel, SkipReason.SECRET, secret);
            }
            return new SourceFile(rel, path, attributes.size());
        }

        /** The ignore files of a directory in increasing precedence, as {origin, content}. */
        private List<String[]> ignoreFiles(Path dir, String rel, List<String> names, boolean atRoot) {
            List<String[]> files = new ArrayList<>();
            if (atRoot) {
                readInto(files, dir.resolve(".git").resolve("info").resolve("exclude"), ".git/info/exclude");
            }
            String prefix = rel.isEmpty() ? "" : rel + "/";
            if (names.contains(GITIGNORE)) {
                readInto(files, dir.resolve(GITIGNORE), prefix + GITIGNORE);
            }
            if (names.contains(CODEINDEXERIGNORE)) {
                readInto(files, dir.resolve(CODEINDEXERIGNORE), prefix + CODEINDEXERIGNORE);
            }
            return files;
        }

        private void readInto(List<String[]> files, Path file, String origin) {
            if (!Files.isRegularFile(file)) {
                return;
            }
            try {
                files.add(new String[] {origin, new String(Files.readAllBytes(file), StandardCharsets.UTF_8)});
            } catch (IOException | SecurityException e) {
                // Walking on without the rules would index what they exclude; report it, the walk goes on.
                ready.add(new Skip(origin, SkipReason.UNREADABLE, "ignore rules not applied: " + e.getMessage()));
            }
        }

        private static String describe(FileSystemException e) {
            return e.getReason() == null ? String.valueOf(e.getMessage()) : e.getReason();
        }
    }
}
