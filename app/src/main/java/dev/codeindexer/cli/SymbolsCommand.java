package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolQuery;
import dev.codeindexer.symbols.SymbolText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "symbols", mixinStandardHelpOptions = true,
        description = "Find definitions by name in an indexed codebase: exact matches (simple or qualified name), "
                + "then names that start with it, then near ones; each with kind, signature, file and lines.")
final class SymbolsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "a name (parseDate), a qualified one (DateUtils.parseDate) or its start")
    String name;

    @Option(names = {"--kind", "--type"}, paramLabel = "K",
            description = "only this kind: function, method, constructor, class, interface, enum, struct, trait, "
                    + "module, type (repeatable)")
    List<String> kinds = List.of();

    @Option(names = "--lang", paramLabel = "L", description = "only this language (repeatable)")
    List<String> languages = List.of();

    @Option(names = "--limit", paramLabel = "N", defaultValue = "" + SymbolQuery.DEFAULT_LIMIT,
            description = "most matches (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--all", description = "list every definition the filters pass, instead of looking up NAME")
    boolean all;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        if (all == (name != null)) {
            throw new InvalidInputException("give a NAME to look up, or --all to list every definition");
        }
        SymbolIndex index = SymbolIndex.load(indexed.workspace(common).location());
        if (all) {
            List<Symbol> symbols = index.all(SymbolQuery.filters(kinds, languages));
            return SymbolAnswer.print(spec, index.root(), json, new Listing(symbols.size(), symbols),
                    l -> String.join("", l.symbols().stream().map(s -> SymbolText.symbol(s, null)).toList()));
        }
        return SymbolAnswer.print(spec, index.root(), json, index.find(SymbolQuery.of(name, kinds, languages, limit)),
                SymbolText::lookup);
    }

    /** What {@code --all --json} prints after the codebase. */
    private record Listing(int count, List<Symbol> symbols) {
    }
}
