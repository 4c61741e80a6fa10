package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.symbols.Refs;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "refs", mixinStandardHelpOptions = true,
        description = {"List every line of the indexed files where an identifier occurs as a whole word (the lines "
                + "rg -n -w prints), grouped by the definition that holds each line.",
                "--code-only leaves out lines where it occurs only in comments or strings, by the file's grammar."})
final class RefsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Parameters(index = "0", paramLabel = "NAME", description = "an identifier: parseDate, RETRY_LIMIT")
    String name;

    @Option(names = "--code-only", description = "only lines where it occurs in code, not in comments or strings")
    boolean codeOnly;

    @Option(names = "--path-glob", paramLabel = "GLOB", description = "only files matching this glob")
    String pathGlob;

    @Option(names = "--max", paramLabel = "N", defaultValue = "" + Refs.DEFAULT_LIMIT,
            description = "stop after N lines (default: ${DEFAULT-VALUE})")
    int max;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        SymbolIndex index = SymbolIndex.load(indexed.workspace(common).location());
        try (Chunker chunker = Chunker.create()) {
            return SymbolAnswer.print(spec, index.root(), json, index.refs(name, codeOnly, pathGlob, max, chunker),
                    SymbolText::refs);
        }
    }
}
