package dev.codeindexer.cli;

import dev.codeindexer.config.CodeIndexerConfig;
import dev.codeindexer.config.ConfigLoader;
import dev.codeindexer.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every command takes (where the config is, which store, where the index lives) and the environment the
 * command runs in, which {@link Main} hands to this mixin so that tests can pass their own.
 */
final class CommonOptions implements Main.EnvAware {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML config (default: $CODE_INDEXER_CONFIG, else built-in defaults)")
    Path config;

    @Option(names = "--store", paramLabel = "TYPE", description = "vector store backend, one of ${COMPLETION-CANDIDATES} (overrides the config)",
            completionCandidates = StoreTypes.class)
    String store;

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "where this codebase's embedded index and manifest live (default: under the user's data dir)")
    Path indexDir;

    @Option(names = {"-v", "--verbose"}, description = "print stack traces of failures")
    boolean verbose;

    private Map<String, String> env = System.getenv();

    @Override
    public void env(Map<String, String> env) {
        this.env = env;
    }

    Map<String, String> env() {
        return env;
    }

    /**
     * The config for a server ({@code serve}, {@code mcp}), which serves many codebases and so cannot take
     * {@code --index-dir}, the index directory of one.
     */
    CodeIndexerConfig loadServerConfig() {
        if (indexDir != null) {
            throw new InvalidInputException("--index-dir names one codebase's index, and a server serves many; "
                    + "set CODE_INDEXER_HOME to move them all");
        }
        return loadConfig();
    }

    /** The config file (or defaults), with {@code --store} applied. */
    CodeIndexerConfig loadConfig() {
        Path file = config;
        if (file == null && env.get("CODE_INDEXER_CONFIG") != null) {
            file = Path.of(env.get("CODE_INDEXER_CONFIG"));
        }
        CodeIndexerConfig c = file == null ? CodeIndexerConfig.defaults() : new ConfigLoader(env::get).load(file);
        if (file != null && !Files.isRegularFile(file)) {
            throw new InvalidInputException("--config " + file + " is not a file");
        }
        return store == null ? c : c.withVectorStore(c.vectorStore().withType(store));
    }
}
