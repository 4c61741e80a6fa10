package dev.codeindexer.chunk.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryWalkerTest {

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private List<String> files(WalkOptions options) {
        try (Stream<WalkEntry> entries = RepositoryWalker.create(root, options).entries()) {
            return entries.filter(e -> e instanceof SourceFile).map(WalkEntry::path).toList();
        }
    }

    private List<String> files() {
        return files(WalkOptions.defaults());
    }

    private Map<String, SkipReason> skips() {
        try (Stream<WalkEntry> entries = RepositoryWalker.create(root, WalkOptions.defaults()).entries()) {
            return entries.filter(e -> e instanceof Skip).map(e -> (Skip) e)
                    .collect(Collectors.toMap(Skip::path, Skip::reason));
        }
    }

    @Test
    void yieldsFilesInSortedPathOrderWithSlashSeparators() throws IOException {
        write("b.txt", "b");
        write("a/z.java", "class Z {}");
        write("a/b/c.py", "x = 1");
        write("A.md", "# A");
        write("a.txt", "a");

        assertThat(files()).containsExactly("A.md", "a/b/c.py", "a/z.java", "a.txt", "b.txt");
    }

    @Test
    void rootGitignoreIgnoresByNameAtAnyDepthAndAnchoredOnlyAtTheRoot() throws IOException {
        write(".gitignore", "*.log\n/only-root.txt\nsecret/\n");
        write("app.log", "");
        write("deep/x/app.log", "");
        write("only-root.txt", "");
        write("deep/only-root.txt", "kept");
        write("secret/key.txt", "");
        write("deep/secret/key.txt", "");
        write("src/secret", "a file, not a directory: dir-only rules do not apply");

        assertThat(files()).containsExactly(".gitignore", "deep/only-root.txt", "src/secret");
        assertThat(skips()).containsEntry("app.log", SkipReason.IGNORED)
                .containsEntry("deep/secret", SkipReason.IGNORED)
                .containsEntry("secret", SkipReason.IGNORED);
    }

    @Test
    void nestedGitignoreAppliesBelowItsDirectoryAndCanReincludeWithNegation() throws IOException {
        write(".gitignore", "*.gen.go\n");
        write("api/.gitignore", "!keep.gen.go\n/local.txt\n");
        write("api/keep.gen.go", "package api");
        write("api/drop.gen.go", "package api");
        write("api/local.txt", "");
        write("api/sub/local.txt", "anchored to api/, so this stays");
        write("other/keep.gen.go", "the negation is api/'s only");

        assertThat(files()).containsExactly(".gitignore", "api/.gitignore", "api/keep.gen.go", "api/sub/local.txt");
    }

    @Test
    void laterRulesWinAndAnIgnoredDirectoryCannotBeReentered() throws IOException {
        write(".gitignore", "logs/\n!logs/keep.txt\ntmp*\n!tmp-keep\n");
        write("logs/keep.txt", "");
        write("tmp1", "");
        write("tmp-keep", "");

        assertThat(files()).containsExactly(".gitignore", "tmp-keep");
    }

    @Test
    void doubleStarPatterns() throws IOException {
        write(".gitignore", "**/fixtures/**\ndocs/**/*.pdf.txt\n");
        write("a/fixtures/big.json", "{}");
        write("fixtures/x.json", "{}");
        write("docs/a/b/manual.pdf.txt", "");
        write("docs/manual.pdf.txt", "");
        write("docs/readme.md", "");

        assertThat(files()).containsExactly(".gitignore", "docs/readme.md");
    }

    @Test
    void codeindexerignoreAddsRulesAndOverridesGitignoreInItsDirectory() throws IOException {
        write(".gitignore", "*.snap\n");
        write(".codeindexerignore", "generated/\n!important.snap\n");
        write("generated/api.py", "");
        write("important.snap", "");
        write("other.snap", "");
        write("main.py", "");

        assertThat(files()).containsExactly(".codeindexerignore", ".gitignore", "important.snap", "main.py");
    }

    @Test
    void gitInfoExcludeIsHonoured() throws IOException {
        write(".git/info/exclude", "local-notes.md\n");
        write("local-notes.md", "");
        write("README.md", "");

        assertThat(files()).containsExactly("README.md");
        assertThat(skips()).containsEntry(".git", SkipReason.EXCLUDED);
    }

    @Test
    void builtInDirectoriesAreExcludedAtAnyDepthUnlessTheOptionsSayOtherwise() throws IOException {
        write("node_modules/left-pad/index.js", "");
        write("web/node_modules/x/index.js", "");
        write("target/classes/A.class.txt", "");
        write("py/__pycache__/m.txt", "");
        write(".venv/lib/site.py", "");
        write("src/build.gradle", "file named like a directory stays");
        write("src/Main.java", "");

        assertThat(files()).containsExactly("src/Main.java", "src/build.gradle");
        assertThat(skips()).containsEntry("node_modules", SkipReason.EXCLUDED)
                .containsEntry("web/node_modules", SkipReason.EXCLUDED);
        assertThat(files(WalkOptions.defaults().withExcludedDirectories(Set.of())))
                .contains("node_modules/left-pad/index.js", "target/classes/A.class.txt");
    }

    @Test
    void respectIgnoreFilesOffYieldsIgnoredFiles() throws IOException {
        write(".gitignore", "*.log\n");
        write("a.log", "");

        assertThat(files(WalkOptions.defaults().withRespectIgnoreFiles(false))).contains("a.log");
    }

    @Test
    void binaryFilesAreSkippedByNulByteOrExtension() throws IOException {
        Files.write(root.resolve("blob.dat"), new byte[] {'a', 'b', 0, 'c'});
        Files.write(root.resolve("late-nul.txt"), late(9000));
        Files.write(root.resolve("early-nul.txt"), late(100));
        Files.write(root.resolve("image.png"), "not even binary".getBytes(StandardCharsets.UTF_8));
        byte[] utf16 = "\uFEFFhello".getBytes(StandardCharsets.UTF_16LE);
        Files.write(root.resolve("utf16.txt"), utf16);

        assertThat(files()).containsExactly("late-nul.txt", "utf16.txt");
        assertThat(skips()).containsEntry("blob.dat", SkipReason.BINARY)
                .containsEntry("early-nul.txt", SkipReason.BINARY)
                .containsEntry("image.png", SkipReason.BINARY);
    }

    private static byte[] late(int nulAt) {
        byte[] bytes = new byte[nulAt + 10];
        Arrays.fill(bytes, (byte) 'x');
        bytes[nulAt] = 0;
        return bytes;
    }

    @Test
    void filesAboveTheSizeLimitAreSkipped() throws IOException {
        write("small.txt", "x".repeat(100));
        write("big.txt", "x".repeat(101));

        assertThat(files(WalkOptions.defaults().withMaxFileBytes(100))).containsExactly("small.txt");
        write("huge.txt", "x".repeat((int) WalkOptions.DEFAULT_MAX_FILE_BYTES + 1));
        assertThat(skips()).containsEntry("huge.txt", SkipReason.TOO_LARGE);
    }

    @Test
    void lockFilesAndMinifiedBundlesAreExcluded() throws IOException {
        write("package-lock.json", "{}");
        write("web/app.min.js", "x");
        write("web/app.js", "x");

        assertThat(files()).containsExactly("web/app.js");
    }

    @Test
    void brokenSymlinkIsASkip() throws IOException {
        write("real.txt", "x");
        Files.createSymbolicLink(root.resolve("dangling.txt"), root.resolve("missing.txt"));

        assertThat(files()).containsExactly("real.txt");
        assertThat(skips()).containsEntry("dangling.txt", SkipReason.BROKEN_SYMLINK);
    }

    @Test
    void symlinkLoopsAreSkippedAndTheWalkEnds() throws IOException {
        write("a/file.txt", "x");
        Files.createSymbolicLink(root.resolve("a/back-to-root"), root);
        Files.createSymbolicLink(root.resolve("a/self"), root.resolve("a"));
        Files.createSymbolicLink(root.resolve("ping"), root.resolve("pong"));
        Files.createSymbolicLink(root.resolve("pong"), root.resolve("ping"));

        assertThat(files()).containsExactly("a/file.txt");
        assertThat(skips()).containsEntry("a/back-to-root", SkipReason.SYMLINK_LOOP)
                .containsEntry("a/self", SkipReason.SYMLINK_LOOP)
                .containsEntry("ping", SkipReason.SYMLINK_LOOP)
                .containsEntry("pong", SkipReason.SYMLINK_LOOP);
    }

    @Test
    void symlinksInsideTheRootAreFollowedAndOutsideItAreNot(@TempDir Path outside) throws IOException {
        write("lib/util.py", "x = 1");
        Files.writeString(outside.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(root.resolve("linked-lib"), root.resolve("lib"));
        Files.createSymbolicLink(root.resolve("escape"), outside);

        assertThat(files()).containsExactly("lib/util.py", "linked-lib/util.py");
        assertThat(skips()).containsEntry("escape", SkipReason.SYMLINK_OUTSIDE_ROOT);
        assertThat(files(WalkOptions.defaults().withFollowSymlinks(false))).containsExactly("lib/util.py");
    }

    @Test
    void fifosAreNotRegularFilesAndAreNeverOpened() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe").toString()).start();
        assumeThat(mkfifo.waitFor()).as("mkfifo available").isZero();
        write("a.txt", "x");

        assertThat(files()).containsExactly("a.txt");
        assertThat(skips()).containsEntry("pipe", SkipReason.NOT_REGULAR_FILE);
    }

    @Test
    void unreadableDirectoryIsASkip() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root reads everything").isNotEqualTo("root");
        write("locked/a.txt", "x");
        write("open.txt", "x");
        Path locked = root.resolve("locked");
        locked.toFile().setReadable(false);
        try {
            assertThat(files()).containsExactly("open.txt");
            assertThat(skips()).containsEntry("locked", SkipReason.UNREADABLE);
        } finally {
            locked.toFile().setReadable(true);
        }
    }

    @Test
    void walkReportCountsFilesBytesAndSkipsByReason() throws IOException {
        write(".gitignore", "*.log\n");
        write("a.log", "");
        write("b.log", "");
        write("src/a.java", "12345");
        Files.write(root.resolve("bin.dat"), new byte[] {0});
        List<String> seen = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();

        WalkReport report = RepositoryWalker.create(root, WalkOptions.defaults())
                .walk(file -> seen.add(file.path()), skipped::add);

        assertThat(seen).containsExactly(".gitignore", "src/a.java");
        assertThat(report.files()).isEqualTo(2);
        assertThat(report.bytes()).isEqualTo(6 + 5);
        assertThat(report.skipped(SkipReason.IGNORED)).isEqualTo(2);
        assertThat(report.skipped(SkipReason.BINARY)).isEqualTo(1);
        assertThat(report.skippedTotal()).isEqualTo(3).isEqualTo(skipped.size());
        assertThat(skipped).filteredOn(s -> s.reason() == SkipReason.IGNORED)
                .allSatisfy(s -> assertThat(s.detail()).isEqualTo(".gitignore: *.log"));
    }

    @Test
    void entriesAreProducedLazily() throws IOException {
        for (int i = 0; i < 50; i++) {
            write("d" + i + "/f.txt", "x");
        }
        Iterator<WalkEntry> it = RepositoryWalker.create(root, WalkOptions.defaults()).entries().iterator();

        assertThat(it.next().path()).isEqualTo("d0/f.txt");
        // Deleting a directory not reached yet changes what the rest of the walk sees.
        Files.delete(root.resolve("d9/f.txt"));
        Files.delete(root.resolve("d9"));
        List<WalkEntry> rest = new ArrayList<>();
        it.forEachRemaining(rest::add);
        assertThat(rest).filteredOn(e -> e instanceof SourceFile).hasSize(48)
                .extracting(WalkEntry::path).doesNotContain("d9/f.txt");
        assertThat(rest).filteredOn(e -> e instanceof Skip).containsExactly(
                new Skip("d9", SkipReason.UNREADABLE, "it vanished during the run"));
    }

    @Test
    void sourceFileReadsTextDecodingBomsAndBadBytes() throws IOException {
        Files.write(root.resolve("bom.txt"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'});
        Files.write(root.resolve("bad.txt"), new byte[] {'o', 'k', (byte) 0xFF, '!'});
        Map<String, String> texts = new HashMap<>();

        RepositoryWalker.create(root, WalkOptions.defaults()).walk(f -> texts.put(f.path(), f.readText()), s -> {
        });

        assertThat(texts).containsEntry("bom.txt", "hi").containsEntry("bad.txt", "ok\uFFFD!");
    }

    @Test
    void aRootThatIsNotADirectoryIsAnError() throws IOException {
        write("file.txt", "x");

        assertThatThrownBy(() -> RepositoryWalker.create(root.resolve("file.txt"), WalkOptions.defaults()))
                .isInstanceOf(WalkException.class).hasMessageContaining("not a directory");
        assertThatThrownBy(() -> RepositoryWalker.create(root.resolve("missing"), WalkOptions.defaults()))
                .isInstanceOf(WalkException.class);
    }
}
