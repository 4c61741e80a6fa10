package dev.codeindexer.store.milvus;

import dev.codeindexer.config.ConfigLoader;
import dev.codeindexer.config.VectorStoreConfig;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Milvus-protocol server the Milvus tests talk to. {@code bin/test} (and so CI) starts Milvus Lite and
 * passes its address in {@code CODE_INDEXER_MILVUS_URI}; without it this helper starts one itself when the
 * {@code milvus-lite} command exists. With neither, the tests are skipped with the reason, except under
 * {@code CI=true}, where a missing server fails them: CI must never pass by skipping Milvus.
 */
public final class MilvusTestServer {
    private static String sharedUri;

    private MilvusTestServer() {
    }

    /** The address of the shared test server. */
    public static synchronized String uri() {
        if (sharedUri != null) {
            return sharedUri;
        }
        String env = System.getenv("CODE_INDEXER_MILVUS_URI");
        if (env != null && !env.isBlank()) {
            return sharedUri = env;
        }
        Path binary = binary();
        if (binary == null) {
            unavailable("CODE_INDEXER_MILVUS_URI is not set and no milvus-lite command was found "
                    + "(pip install milvus-lite pymilvus, or run bin/test)");
        }
        try {
            Local server = Local.start(binary, Files.createTempDirectory("milvus-lite-test"), freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            return sharedUri = server.uri();
        } catch (IOException e) {
            unavailable("could not start " + binary + ": " + e.getMessage());
            return null;
        }
    }

    /** A store config for the shared server, with STRONG reads so that a test sees the rows it just wrote. */
    public static MilvusConfig config(String extraYaml) {
        return config(uri(), extraYaml);
    }

    public static MilvusConfig config(String uri, String extraYaml) {
        return MilvusStoreProvider.settings(vectorStoreConfig(uri, extraYaml));
    }

    /** The whole {@code vector_store} block selecting Milvus at {@code uri}, as a config file would give it. */
    public static VectorStoreConfig vectorStoreConfig(String uri, String extraYaml) {
        String defaults = (extraYaml.contains("consistency_level:") ? "" : "    consistency_level: STRONG\n")
                + (extraYaml.contains("index_params:") ? "" : "    index_params: {M: 8, efConstruction: 64}\n");
        String yaml = "vector_store:\n  type: milvus\n  milvus:\n    uri: " + uri + "\n" + defaults
                + extraYaml.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
        return new ConfigLoader(name -> null).parse(yaml, "test config").vectorStore();
    }

    /** The milvus-lite command: $CODE_INDEXER_MILVUS_LITE, else the first on PATH. */
    public static Path binary() {
        String explicit = System.getenv("CODE_INDEXER_MILVUS_LITE");
        if (explicit != null && Files.isExecutable(Path.of(explicit))) {
            return Path.of(explicit);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "milvus-lite");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static void unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but no Milvus server for the Milvus tests: " + reason);
        }
        Assumptions.abort("Milvus tests skipped: " + reason);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A Milvus Lite process this test owns, which it can stop and start again on the same port and data. */
    public static final class Local {
        private final Path binary;
        private final Path dataDir;
        private final int port;
        private Process process;

        private Local(Path binary, Path dataDir, int port) {
            this.binary = binary;
            this.dataDir = dataDir;
            this.port = port;
        }

        public static Local start(Path binary, Path dataDir, int port) throws IOException {
            Local local = new Local(binary, dataDir, port);
            local.start();
            return local;
        }

        public String uri() {
            return "http://127.0.0.1:" + port;
        }

        public synchronized void start() throws IOException {
            List<String> command = new ArrayList<>(List.of(binary.toString(), "server", "--data-dir", dataDir.toString(),
                    "--host", "127.0.0.1", "--port", Integer.toString(port)));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IOException("milvus-lite exited with " + process.exitValue() + " at start");
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return;
                } catch (IOException notYet) {
                    sleep(100);
                }
            }
            throw new IOException("milvus-lite did not answer on port " + port + " within 60 s");
        }

        /** Kills the server the hard way, as a crash or a network cut would. */
        public synchronized void kill() {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        public void stop() {
            kill();
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
