package dev.codeindexer.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.store.CodeTokens;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** The embedded store's analysis gives the tokens every store matches on ({@link CodeTokens}), at sound positions. */
class CodeTokenizerTest {
    private static final Analyzer ANALYZER = new CodeAnalyzer();

    private record Token(String term, int increment, int start, int end) {
    }

    private static List<Token> analyse(String text) throws IOException {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream("content", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new Token(term.toString(), inc.getPositionIncrement(), offset.startOffset(), offset.endOffset()));
            }
            ts.end();
        }
        return out;
    }

    @Test
    void identifiersComeWholeAndInPartsWithThePartsCountedOnce() throws IOException {
        List<Token> tokens = analyse("if (parseHTTPDate(raw_value)) return;");

        assertThat(tokens).extracting(Token::term).containsExactly("if", "parsehttpdate", "parse", "http", "date",
                "raw_value", "raw", "value", "return");
        // The whole and its first part share a position: the field's length is the number of parts.
        assertThat(tokens).extracting(Token::increment).containsExactly(1, 1, 0, 1, 1, 1, 0, 1, 1);
        assertThat(tokens.get(2)).extracting(Token::start, Token::end).containsExactly(4, 17);
    }

    @Test
    void theTermsAreExactlyThoseOfCodeTokensWhichOtherStoresIndex() throws IOException {
        String code = """
                public static String abbreviate(final String str, final int maxWidth) {
                    return __private_helper(str, "...", 0, maxWidth) + HTTPServer.V2_API + ÉcoleNormale;
                }
                """;

        assertThat(analyse(code).stream().map(Token::term).toList()).isEqualTo(CodeTokens.tokens(code));
    }

    @Test
    void aRunLongerThanAWordIsCutNotRefused() throws IOException {
        String blob = "a".repeat(CodeTokenizer.MAX_WORD_CHARS * 2 + 10);

        assertThat(analyse(blob)).extracting(t -> t.term().length())
                .containsExactly(CodeTokenizer.MAX_WORD_CHARS, CodeTokenizer.MAX_WORD_CHARS, 10);
    }

    @Test
    void theTokenizerIsReusedAcrossTexts() throws IOException {
        assertThat(analyse("firstText")).extracting(Token::term).containsExactly("firsttext", "first", "text");
        assertThat(analyse("second")).extracting(Token::term).containsExactly("second");
        assertThat(analyse("  ,; ")).isEmpty();
    }
}
