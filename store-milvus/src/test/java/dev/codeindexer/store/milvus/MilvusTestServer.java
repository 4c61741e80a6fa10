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

    /**
     * The Python that runs Milvus Lite: $CODE_INDEXER_MILVUS_PYTHON (bin/test sets it), else the interpreter named
     * by the milvus-lite command's first line when that is a Python script, else python3 on PATH.
     */
    public static String python() {
        String explicit = System.getenv("CODE_INDEXER_MILVUS_PYTHON");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        Path binary = binary();
        if (binary != null) {
            try (var lines = Files.lines(binary)) {
                String first = lines.findFirst().orElse("");
                if (first.startsWith("#!") && first.contains("python") && !first.contains(" ")) {
                    return first.substring(2);
                }
            } catch (IOException | java.io.UncheckedIOException notAScript) {
                // A binary or an unreadable file: fall back to PATH.
            }
        }
        return "python3";
    }

    public static void unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true but no Milvus server for the Milvus tests: " + reason);
        }
        Assumptions.abort("Milvus tests skipped: " + reason);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A Milvus Lite process this test owns, which it can stop and start again on the same port and data. */
    public static final class Local {
        /**
         * Runs Milvus Lite's command line with its gRPC message limit (both directions, 256 MiB as shipped) lowered
         * to argv[1] bytes, as a Milvus server's is set by proxy.grpc.serverMaxRecvSize. Milvus Lite 3.2 keeps the
         * limit in a module constant read when the server is built, and has no option for it.
         */
        private static final String WITH_MESSAGE_LIMIT = """
                import sys
                import milvus_lite.adapter.grpc.server as server
                if not hasattr(server, "_MAX_MESSAGE_SIZE"):
                    sys.exit("this milvus-lite keeps no _MAX_MESSAGE_SIZE to lower (written for milvus-lite 3.2)")
                server._MAX_MESSAGE_SIZE = int(sys.argv[1])
                from milvus_lite.cmdline import main
                sys.argv = ["milvus-lite"] + sys.argv[2:]
                sys.exit(main())
                """;

        private final List<String> command;
        private final Path dataDir;
        private final int port;
        private Process process;

        private Local(List<String> launcher, Path dataDir, int port) {
            this.command = new ArrayList<>(launcher);
            this.command.addAll(List.of("server", "--data-dir", dataDir.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(port)));
            this.dataDir = dataDir;
            this.port = port;
        }

        /**
         * A server of the caller's own on a free port, for a test that kills it; skips the test (fails it under
         * CI=true) when Milvus Lite is not installed.
         */
        public static Local startOwn(Path dataDir) throws IOException {
            MilvusTestServer.uri(); // skips (or fails under CI) when Milvus Lite is not installed
            Path binary = binary();
            if (binary == null) {
                unavailable("a test with a Milvus server of its own needs the milvus-lite command "
                        + "(CODE_INDEXER_MILVUS_LITE or PATH)");
            }
            return start(binary, dataDir, freePort());
        }

        public static Local start(Path binary, Path dataDir, int port) throws IOException {
            Local local = new Local(List.of(binary.toString()), dataDir, port);
            local.start();
            return local;
        }

        /** A server that refuses (and does not send) gRPC messages larger than {@code maxMessageBytes}. */
        public static Local startWithMessageLimit(String python, Path dataDir, int port, int maxMessageBytes)
                throws IOException {
            Local local = new Local(List.of(python, "-c", WITH_MESSAGE_LIMIT, Integer.toString(maxMessageBytes)),
                    dataDir, port);
            local.start();
            return local;
        }

        public String uri() {
            return "http://127.0.0.1:" + port;
        }

        public synchronized void start() throws IOException {
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
