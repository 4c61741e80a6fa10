package dev.codeindexer.config;

import dev.codeindexer.error.CallerError;

/** The configuration cannot be used; the message names the file and the key to fix. */
public class ConfigException extends RuntimeException implements CallerError {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
