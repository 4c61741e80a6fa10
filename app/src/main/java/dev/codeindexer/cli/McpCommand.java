package dev.codeindexer.cli;

import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.server.AllowedRoots;
import dev.codeindexer.server.IndexMetrics;
import dev.codeindexer.server.IndexService;
import dev.codeindexer.server.mcp.McpStdioServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"Run a Model Context Protocol server on stdin/stdout for coding agents, with the tools "
                + "index_codebase, search_code, get_indexing_status and clear_index.",
                "Register it with your MCP client as the command '<absolute path>/bin/code-indexer mcp'."})
final class McpCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        CodeIndexerConfig config = common.loadServerConfig();
        // The protocol owns stdout: the transport gets the real one, and anything else that prints (a library, a
        // stray println) goes to stderr, where MCP clients expect logs.
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        PrintStream previous = System.out;
        System.setOut(System.err);
        try (StopSignal stop = new StopSignal();
             ServerAccess access = new ServerAccess(config, common.env(), null);
             IndexService service = new IndexService(access, AllowedRoots.of(config.server().roots(), common.env()),
                     IndexMetrics.none());
             McpStdioServer server = McpStdioServer.start(service, Main.VERSION, in, out)) {
            server.awaitEnd();
        } catch (InterruptedException e) {
            // Ctrl-C or the caller stopped it; everything is closed by now.
        } finally {
            System.setOut(previous);
        }
        return Main.OK;
    }
}
