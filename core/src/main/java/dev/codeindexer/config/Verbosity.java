package dev.codeindexer.config;

/**
 * Whether this run asked for libraries' own notices ({@code --verbose}). A normal run prints only our output and
 * errors: a library's start-up notice on stderr reads to a user as something wrong. Modules that quiet a library
 * ask here first.
 */
public final class Verbosity {
    /** The system property {@code --verbose} sets before anything logs. */
    public static final String PROPERTY = "code-indexer.verbose";

    private Verbosity() {
    }

    public static boolean verbose() {
        return Boolean.getBoolean(PROPERTY);
    }
}
