package dev.codeindexer.config;

/** The configuration cannot be used; the message names the file and the key to fix. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
