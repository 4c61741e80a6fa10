package dev.codeindexer.chunk.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class SkipTest {
    @Test
    void anUnreadableFileSaysWhyNotJustWhereAgain() {
        // The JDK's file exceptions carry the path as their message: that alone was all a skip used to say.
        assertThat(Skip.unreadable("src/A.java", new AccessDeniedException("/repo/src/A.java")).detail())
                .isEqualTo("permission denied");
        assertThat(Skip.unreadable("src/A.java",
                new UncheckedIOException(new AccessDeniedException("/repo/src/A.java"))).detail())
                .isEqualTo("permission denied");
        assertThat(Skip.unreadable("src/A.java", new NoSuchFileException("/repo/src/A.java")).detail())
                .isEqualTo("it vanished during the run");
        assertThat(Skip.unreadable("src/A.java", new FileSystemException("/repo/src/A.java", null,
                "Input/output error")).detail()).isEqualTo("Input/output error");
        assertThat(Skip.unreadable("src/A.java", new IOException("disk on fire")).detail())
                .isEqualTo("IOException: disk on fire");
        assertThat(Skip.unreadable("src/A.java", new IOException("x")).reason()).isEqualTo(SkipReason.UNREADABLE);
    }
}
