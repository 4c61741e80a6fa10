package dev.codeindexer.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTextTest {
    @Test
    void stopWordsAreDroppedAndIdentifiersKept() {
        assertThat(QueryText.lexical("Returns the default value if the string is empty"))
                .isEqualTo("default value string empty");
        assertThat(QueryText.lexical("Checks if the CharSequence is_blank or null")).isEqualTo("Checks CharSequence is_blank null");
        assertThat(QueryText.lexical("parseHttpDate(header)")).isEqualTo("parseHttpDate(header)");
    }

    @Test
    void aQueryOfOnlyStopWordsIsKeptAsItIs() {
        assertThat(QueryText.lexical("what is this")).isEqualTo("what is this");
    }
}
