package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/** Prints what the symbol commands answer: one JSON object with the codebase first, or the answer's text. */
final class SymbolAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SymbolAnswer() {
    }

    static <T> int print(CommandSpec spec, Path codebase, boolean json, T answer, Function<T, String> text)
            throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = JSON.createObjectNode().put("codebase", codebase.toString());
            root.setAll((ObjectNode) JSON.valueToTree(answer));
            out.println(JSON.writeValueAsString(root));
        } else {
            out.print(text.apply(answer));
        }
        out.flush();
        return Main.OK;
    }
}
