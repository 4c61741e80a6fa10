package dev.codeindexer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.chunk.Chunk;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.walk.RepositoryWalker;
import dev.codeindexer.chunk.walk.SourceFile;
import dev.codeindexer.chunk.walk.WalkEntry;
import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.text.Printable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "chunks", mixinStandardHelpOptions = true,
        description = "Print the chunks that indexing would store for a file or directory, to see why something is or is not found.")
final class ChunksCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "FILE_OR_DIR")
    Path target;

    @Option(names = "--json", description = "one JSON object per chunk, content included")
    boolean json;

    @Option(names = "--root", paramLabel = "DIR", description = "for a FILE: the codebase it belongs to, whose "
            + "relative path names it in the chunks as indexing names it (default: the nearest directory above it "
            + "with .git, else its own directory)")
    Path root;

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(target)) {
            throw new InvalidInputException(target + " does not exist");
        }
        Path file = target.toAbsolutePath().normalize();
        Path base = Files.isDirectory(file) ? file : root != null ? root.toAbsolutePath().normalize() : codebaseOf(file);
        if (!file.startsWith(base)) {
            throw new InvalidInputException(target + " is not inside --root " + root);
        }
        Workspace ws = Workspace.of(common, base, null, false);
        PrintWriter out = spec.commandLine().getOut();
        try (EmbeddingModel model = ws.model(); Chunker chunker = ws.chunker(model)) {
            if (Files.isDirectory(target)) {
                try (Stream<WalkEntry> entries = RepositoryWalker.create(target, ws.walkOptions()).entries()) {
                    entries.forEach(entry -> {
                        if (entry instanceof SourceFile f) {
                            print(out, chunker, f.path(), f.readText());
                        }
                    });
                }
            } else {
                // A file named on the command line is chunked even if ignore rules would skip it in a walk, under
                // the path indexing gives it: the path is part of each window's header, so it decides the windows.
                String path = base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                print(out, chunker, path, SourceFile.decode(Files.readAllBytes(file)));
            }
        }
        out.flush();
        return Main.OK;
    }

    /** The nearest directory above {@code file} that holds a {@code .git}: a repository's root; else its own. */
    private static Path codebaseOf(Path file) {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        return file.getParent();
    }

    private void print(PrintWriter out, Chunker chunker, String path, String text) {
        for (Chunk c : chunker.chunk(path, text)) {
            out.println(json ? json(c) : String.format("%s:%d-%d  %s %s%s", Printable.field(c.filePath()),
                    c.startLine(), c.endLine(), c.entityType().id(), Printable.field(c.entityId()),
                    c.parentId() == null ? "" : "  (in " + Printable.field(c.parentId()) + ")"));
        }
    }

    private static String json(Chunk c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file_path", c.filePath());
        m.put("language", c.language().id());
        m.put("entity_type", c.entityType().id());
        m.put("entity_id", c.entityId());
        m.put("parent_id", c.parentId());
        m.put("start_line", c.startLine());
        m.put("end_line", c.endLine());
        m.put("chunk_id", c.chunkId());
        m.put("doc", c.doc());
        m.put("content", c.content());
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
