package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "outline", mixinStandardHelpOptions = true,
        description = "Show an indexed file's definitions, nested, with their signatures and lines.")
final class OutlineCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Parameters(index = "0", paramLabel = "FILE",
            description = "the file: relative to the codebase root (or to the current directory), or absolute")
    String file;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        SymbolIndex index = SymbolIndex.load(indexed.workspace(common).location());
        return SymbolAnswer.print(spec, index.root(), json, index.outline(resolve(index.root())),
                SymbolText::outline);
    }

    /** A relative FILE names a file under the root; failing that, one under the current directory. */
    private String resolve(Path root) {
        Path given = Path.of(file);
        if (given.isAbsolute() || Files.exists(root.resolve(given))) {
            return file;
        }
        Path fromHere = given.toAbsolutePath().normalize();
        return Files.exists(fromHere) && fromHere.startsWith(root) ? fromHere.toString() : file;
    }
}
