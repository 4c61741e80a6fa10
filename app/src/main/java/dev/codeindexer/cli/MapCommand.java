package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.symbols.RepoMap;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Show what matters in the indexed codebase within a token budget: the files with the most "
                + "referenced definitions, each with those definitions' signatures, most important first.",
                "Files are ranked by PageRank over the graph of which file uses names another defines."})
final class MapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Option(names = "--tokens", paramLabel = "N", defaultValue = "" + RepoMap.DEFAULT_TOKENS,
            description = "the budget, 64 to 100000 tokens (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        SymbolIndex index = SymbolIndex.load(indexed.workspace(common).location());
        return SymbolAnswer.print(spec, index.root(), json, index.map(tokens), SymbolText::map);
    }
}
