package dev.codeindexer.store.milvus;

import org.slf4j.LoggerFactory;

/** Applies {@code vector_store.milvus.log_level} to the SDK's loggers when Logback is the SLF4J backend. */
final class MilvusLogLevel {
    private MilvusLogLevel() {
    }

    static void apply(String level) {
        try {
            if (LoggerFactory.getLogger("io.milvus") instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.toLevel(level));
            }
        } catch (NoClassDefFoundError e) {
            // Another SLF4J backend: its own configuration decides the SDK's level.
        }
    }
}
