package dev.codeindexer.store.lucene;

import dev.codeindexer.store.CodeTokens;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The tokens of {@link CodeTokens}, as a Lucene tokenizer: each identifier whole (lower-cased) and its parts, so
 * that the embedded store matches like a store that indexes {@link CodeTokens#expand} (Milvus); only runs longer
 * than {@value #MAX_WORD_CHARS} characters differ, cut here into words. It replaces Lucene's word-delimiter graph
 * filter and graph flattening: a one-pass index of half of java.base took 13% less time (README, "Indexing speed").
 * The whole and the first part share a position, so a field's length (BM25's norm) counts each part once.
 */
final class CodeTokenizer extends Tokenizer {
    /** As Lucene's character tokenizers: longer runs (base64, minified code) are cut into words of this length. */
    static final int MAX_WORD_CHARS = 255;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final StringBuilder text = new StringBuilder();
    private boolean read;
    private int scan;
    private List<String> word = List.of();
    private int nextInWord;
    private int wordStart;
    private int wordEnd;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        if (!read) {
            char[] buffer = new char[4096];
            for (int n; (n = input.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            read = true;
        }
        while (nextInWord >= word.size()) {
            if (!nextWord()) {
                return false;
            }
        }
        term.setEmpty().append(word.get(nextInWord));
        increment.setPositionIncrement(nextInWord == 1 ? 0 : 1);
        offset.setOffset(correctOffset(wordStart), correctOffset(wordEnd));
        nextInWord++;
        return true;
    }

    private boolean nextWord() {
        int n = text.length();
        while (scan < n && !CodeTokens.isWordChar(text.codePointAt(scan))) {
            scan += Character.charCount(text.codePointAt(scan));
        }
        if (scan >= n) {
            return false;
        }
        wordStart = scan;
        while (scan < n && scan - wordStart < MAX_WORD_CHARS && CodeTokens.isWordChar(text.codePointAt(scan))) {
            scan += Character.charCount(text.codePointAt(scan));
        }
        wordEnd = scan;
        word = CodeTokens.identifier(text.substring(wordStart, wordEnd));
        nextInWord = 0;
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(text.length());
        offset.setOffset(last, last);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        text.setLength(0);
        read = false;
        scan = 0;
        word = List.of();
        nextInWord = 0;
    }
}
