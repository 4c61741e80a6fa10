package dev.codeindexer.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.codeindexer.store.VectorStoreFactory;
import org.slf4j.Logger;

/**
 * How the command line logs, set up in code when logging is first used: libraries only speak up for warnings, our
 * own loggers as {@code CODE_INDEXER_LOG_LEVEL} says, all on stderr (the CLI prints its own output on stdout).
 * Logback finds it through {@code META-INF/services}; reading the same settings from {@code logback.xml} cost every
 * command 0.2 s of start-up (its XML configurator), a fifth of a search's.
 *
 * <p>Each level is a system property (which {@code --verbose} sets), else the environment variable of that name,
 * else the default.
 */
public final class Logging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        String library = setting("CODE_INDEXER_LIBRARY_LOG_LEVEL");
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(library, Level.WARN));
        root.addAppender(stderr);
        context.getLogger("dev.codeindexer").setLevel(Level.toLevel(setting("CODE_INDEXER_LOG_LEVEL"),
                Level.WARN));
        for (String redundant : VectorStoreFactory.redundantLoggers()) {
            context.getLogger(redundant).setLevel(Level.toLevel(library, Level.OFF));
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** A level's name as set, or null for the default. */
    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
