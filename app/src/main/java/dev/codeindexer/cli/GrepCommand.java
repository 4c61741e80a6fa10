package dev.codeindexer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.grep.Grep;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.index.Manifest;
import dev.codeindexer.index.NotIndexedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "grep", mixinStandardHelpOptions = true,
        description = {"Print every line of the indexed files that matches PATTERN, as 'file:line:text' (like rg -n).",
                "The files are the index's: ignore rules and skips apply; their text is read as it is on disk now."})
final class GrepCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Parameters(index = "0", paramLabel = "PATTERN", description = "a literal string, or with --regex a Java regular expression")
    String pattern;

    @Option(names = {"-e", "--regex"}, description = "PATTERN is a regular expression")
    boolean regex;

    @Option(names = {"-i", "--ignore-case"}, description = "match case-insensitively")
    boolean ignoreCase;

    @Option(names = {"-w", "--word-regexp"}, description = "match whole words only")
    boolean word;

    @Option(names = {"-C", "--context"}, paramLabel = "N", defaultValue = "0", description = "lines of context around each match")
    int context;

    @Option(names = "--max", paramLabel = "N", defaultValue = "1000", description = "stop after N matching lines (default: ${DEFAULT-VALUE})")
    int max;

    @Option(names = "--path-glob", paramLabel = "GLOB", description = "only files matching this glob")
    String pathGlob;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Grep.Options options = new Grep.Options(pattern, regex, ignoreCase, word, context, max);
        IndexLocation location = indexed.workspace(common).location();
        Manifest manifest = location.exists() ? Manifest.load(location.manifestFile()) : null;
        if (manifest == null || manifest.size() == 0) {
            throw new NotIndexedException(location.codebase());
        }
        Grep.Result result = Grep.run(location.codebase(), manifest, pathGlob, options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(result));
        } else {
            result.matches().forEach(m -> m.printed().forEach(out::println));
            if (result.truncated()) {
                spec.commandLine().getErr().println("code-indexer: stopped at " + max + " matching lines; narrow the "
                        + "pattern or --path-glob, or raise --max");
                spec.commandLine().getErr().flush();
            }
        }
        out.flush();
        return Main.OK;
    }
}
