package dev.codeindexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @Test
    void logbackFindsItOnTheClasspath() {
        assertThat(((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME))
                .getAppender("STDERR")).isNotNull();
    }

    @Test
    void librariesAndOursWarnAndAStoreClientThatRepeatsOurErrorsIsSilent() {
        LoggerContext context = new LoggerContext();
        Logging logging = new Logging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger library = context.getLogger("org.apache.lucene.index.IndexWriter");
        assertThat(library.isWarnEnabled()).isTrue();
        assertThat(library.isInfoEnabled()).isFalse();
        Logger ours = context.getLogger(IndexCommand.class);
        assertThat(ours.isWarnEnabled()).isTrue();
        assertThat(ours.isInfoEnabled()).isFalse();
        assertThat(context.getLogger("io.milvus.client.MilvusServiceClient").isErrorEnabled())
                .as("a backend's redundant logger").isFalse();
    }
}
