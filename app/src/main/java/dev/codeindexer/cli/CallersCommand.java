package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolText;
import picocli.CommandLine.Command;

@Command(name = "callers", mixinStandardHelpOptions = true,
        description = {"List every call of a function or method in the indexed code, grouped by the definition that "
                + "makes it, with the line; --depth N follows the callers' callers.",
                "Calls are resolved by name (every class's parse() for parse), from the grammar's call sites: "
                        + "comments and strings are no calls."})
final class CallersCommand extends CallGraphCommand {
    @Override
    int print(SymbolIndex index) throws JsonProcessingException {
        return SymbolAnswer.print(spec, index.root(), json, index.callers(name, depth), SymbolText::callers);
    }
}
