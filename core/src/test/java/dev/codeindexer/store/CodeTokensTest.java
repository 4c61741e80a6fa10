package dev.codeindexer.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeTokensTest {
    @Test
    void identifiersAreKeptWholeAndSplitIntoParts() {
        assertThat(CodeTokens.tokens("parseHTTPDate2()")).containsExactly("parsehttpdate2", "parse", "http", "date", "2");
        assertThat(CodeTokens.tokens("retry_failed_upload")).containsExactly("retry_failed_upload", "retry", "failed", "upload");
        assertThat(CodeTokens.tokens("__init__")).containsExactly("init");
        assertThat(CodeTokens.tokens("where do we retry?")).containsExactly("where", "do", "we", "retry");
        assertThat(CodeTokens.tokens("ünïcodeName 日本語")).containsExactly("ünïcodename", "ünïcode", "name", "日本語");
        assertThat(CodeTokens.tokens("(){}; -> ::")).isEmpty();
        assertThat(CodeTokens.expand("HttpClient.send")).isEqualTo("httpclient http client send");
    }
}
