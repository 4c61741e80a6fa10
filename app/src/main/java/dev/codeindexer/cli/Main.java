package dev.codeindexer.cli;

import dev.codeindexer.config.Verbosity;
import dev.codeindexer.error.CallerError;
import dev.codeindexer.text.Printable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code code-indexer} command. Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error. */
@Command(name = "code-indexer", mixinStandardHelpOptions = true, version = "code-indexer " + Main.VERSION,
        description = "Semantic code search: index a codebase, then search it in natural language or code.",
        subcommands = {IndexCommand.class, SearchCommand.class, SymbolsCommand.class, OutlineCommand.class,
                RefsCommand.class, CallersCommand.class, CalleesCommand.class, MapCommand.class,
                GrepCommand.class, StatusCommand.class, DeleteCommand.class, CollectionsCommand.class,
                ChunksCommand.class, ExportCommand.class, ImportCommand.class, EvalCommand.class, ServeCommand.class,
                McpCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static final String VERSION = "0.1.0";
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    /** A run stopped by Ctrl-C or SIGTERM before it finished, as shells report 128 + SIGINT. */
    public static final int STOPPED = 130;

    public static void main(String[] args) {
        if (List.of(args).contains("--verbose") || List.of(args).contains("-v")) {
            verbose();
        }
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /**
     * Lets libraries speak: a normal run prints only our own output and errors (libraries' notices read as
     * something wrong), {@code --verbose} adds their notices and our progress log. Called before anything logs, as
     * logging is configured on first use.
     */
    private static void verbose() {
        System.setProperty(Verbosity.PROPERTY, "true");
        if (System.getenv("CODE_INDEXER_LOG_LEVEL") == null) {
            System.setProperty("CODE_INDEXER_LOG_LEVEL", "INFO");
        }
        System.setProperty("CODE_INDEXER_LIBRARY_LOG_LEVEL", "INFO");
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cmd = new CommandLine(new Main(), new EnvFactory(env));
        cmd.setExecutionExceptionHandler(Main::handle);
        cmd.setExitCodeExceptionMapper(Main::exitCode);
        return cmd;
    }

    /** 2 for what the user can fix by changing the command or the config, 1 for everything else (ours). */
    static int exitCode(Throwable t) {
        return t instanceof CallerError || t instanceof CommandLine.ParameterException ? USAGE : FAILURE;
    }

    /** One clear line per failure; the stack trace only with --verbose. */
    private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Messages name paths and values from repositories and commands: one line, nothing that acts on a terminal.
        err.println("code-indexer: " + Printable.field(message));
        boolean verbose = parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose");
        if (verbose) {
            e.printStackTrace(err);
        } else if (exitCode(e) == FAILURE) {
            err.println("(run again with --verbose for details)");
        }
        err.flush();
        return exitCode(e);
    }

    /** Gives commands the environment they run in, so tests can pass their own. */
    record EnvFactory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K instance = CommandLine.defaultFactory().create(cls);
            if (instance instanceof EnvAware aware) {
                aware.env(env);
            }
            return instance;
        }
    }

    /** A command that reads the environment (data dir, config path). */
    interface EnvAware {
        void env(Map<String, String> env);
    }
}
