package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.symbols.SymbolIndex;
import dev.codeindexer.symbols.SymbolLookup;
import dev.codeindexer.symbols.SymbolQuery;
import dev.codeindexer.symbols.SymbolText;
import java.io.PrintWriter;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
        PrintWriter out = spec.commandLine().getOut();
        if (all) {
            List<Symbol> symbols = index.all(SymbolQuery.filters(kinds, languages));
            if (json) {
                ObjectNode root = JSON.createObjectNode().put("codebase", index.root().toString())
                        .put("count", symbols.size());
                root.set("symbols", JSON.valueToTree(symbols));
                out.println(JSON.writeValueAsString(root));
            } else {
                symbols.forEach(s -> out.print(SymbolText.symbol(s, null)));
            }
        } else {
            SymbolLookup lookup = index.find(SymbolQuery.of(name, kinds, languages, limit));
            if (json) {
                ObjectNode root = JSON.createObjectNode().put("codebase", index.root().toString());
                root.setAll((ObjectNode) JSON.valueToTree(lookup));
                out.println(JSON.writeValueAsString(root));
            } else {
                out.print(SymbolText.lookup(lookup));
            }
        }
        out.flush();
        return Main.OK;
    }
}
