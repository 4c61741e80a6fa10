package dev.codeindexer.server.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.server.IndexService;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The MCP server over stdio, on the official MCP Java SDK: JSON-RPC messages on {@code in}/{@code out}, one per
 * line, and nothing else on {@code out}. It runs until the client closes {@code in} (which is how MCP clients end
 * a stdio session) or the thread waiting in {@link #awaitEnd()} is interrupted.
 */
public final class McpStdioServer implements AutoCloseable {
    private final McpSyncServer server;
    private final CountDownLatch ended;

    private McpStdioServer(McpSyncServer server, CountDownLatch ended) {
        this.server = server;
        this.ended = ended;
    }

    public static McpStdioServer start(IndexService service, String version, InputStream in, OutputStream out) {
        ObjectMapper mapper = new ObjectMapper();
        McpJsonMapper json = new JacksonMcpJsonMapper(mapper);
        CountDownLatch ended = new CountDownLatch(1);
        InputStream watched = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                return signalEnd(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return signalEnd(super.read(b, off, len));
            }

            private int signalEnd(int n) {
                if (n < 0) {
                    ended.countDown();
                }
                return n;
            }
        };
        StdioServerTransportProvider transport = new StdioServerTransportProvider(json, watched, out);
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("code-indexer", version)
                .instructions("Semantic code search over local codebases. Index a codebase once with index_codebase "
                        + "(absolute path; it runs in the background, follow it with get_indexing_status), then "
                        + "search it with search_code in natural language or code.")
                .capabilities(ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                .jsonSchemaValidator(new DefaultJsonSchemaValidator(mapper))
                .tools(new CodeSearchTools(service, json).all())
                .build();
        return new McpStdioServer(server, ended);
    }

    /** Blocks until the client has closed the input. */
    public void awaitEnd() throws InterruptedException {
        ended.await();
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
