package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logback finds {@link Logging} on the classpath and sets the levels a normal run has. */
class LoggingTest {
    @Test
    void librariesWarnOursWarnAndAStoreClientThatRepeatsOurErrorsIsSilent() {
        Logger library = LoggerFactory.getLogger("org.apache.lucene.index.IndexWriter");
        assertThat(library.isWarnEnabled()).isTrue();
        assertThat(library.isInfoEnabled()).isFalse();
        Logger ours = LoggerFactory.getLogger(IndexCommand.class);
        assertThat(ours.isWarnEnabled()).isTrue();
        assertThat(ours.isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("io.milvus.client.MilvusServiceClient").isErrorEnabled())
                .as("a backend's redundant logger").isFalse();
        assertThat(((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .getAppender("STDERR")).isNotNull();
    }
}
