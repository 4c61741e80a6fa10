package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolText;
import picocli.CommandLine.Command;

@Command(name = "callees", mixinStandardHelpOptions = true,
        description = {"List what a function or method calls, each callee with its lines and the definitions its "
                + "name resolves to (same class, then same file, then anywhere); --depth N follows them further.",
                "Names not defined in the index (a library's) are listed as such."})
final class CalleesCommand extends CallGraphCommand {
    @Override
    int print(SymbolIndex index) throws JsonProcessingException {
        return SymbolAnswer.print(spec, index.root(), json, index.callees(name, depth), SymbolText::callees);
    }
}
