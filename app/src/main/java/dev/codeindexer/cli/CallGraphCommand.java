package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.symbols.SymbolIndex;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What {@code callers} and {@code callees} share: a name, a depth, the codebase, and how to print. */
abstract class CallGraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Parameters(index = "0", paramLabel = "NAME", description = "a name (parseDate) or a qualified one (DateUtils.parseDate)")
    String name;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "1", description = "levels to follow, 1 to 5 (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        return print(SymbolIndex.load(indexed.workspace(common).location()));
    }

    abstract int print(SymbolIndex index) throws JsonProcessingException;
}
