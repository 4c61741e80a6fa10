package dev.codeindexer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.IndexStatus;
import dev.codeindexer.text.Printable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show what the index of a codebase holds.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    IndexedCodebaseOptions indexed;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        Workspace ws = indexed.workspace(common);
        IndexStatus s;
        try (Codebase codebase = ws.openIndexed()) {
            s = codebase.read(codebase::status);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(s));
        } else {
            out.printf("codebase:     %s%ncollection:   %s%nstore:        %s%nmodel:        %s%nfiles:        %d%n"
                            + "chunks:       %d%nlanguages:    %s%nlast indexed: %s%nindex dir:    %s%n",
                    Printable.field(s.codebase()), s.collection(), s.store(), Printable.field(s.model()), s.files(),
                    s.chunks(), s.languages(), s.lastIndexed() == null ? "never finished" : s.lastIndexed(),
                    Printable.field(s.indexDir()));
        }
        out.flush();
        return Main.OK;
    }
}
