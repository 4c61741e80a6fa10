package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "callees", mixinStandardHelpOptions = true,
        description = {"List what a function or method calls, each callee with its lines and the definitions its "
                + "name resolves to (same class, then same file, then anywhere); --depth N follows them further.",
                "Names not defined in the index (a library's) are listed as such."})
final class CalleesCommand implements Callable<Integer> {
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
        SymbolIndex index = SymbolIndex.load(indexed.workspace(common).location());
        return SymbolAnswer.print(spec, index.root(), json, index.callees(name, depth), SymbolText::callees);
    }
}
