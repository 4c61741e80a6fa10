package dev.codeindexer.embed.http;

/**
 * Token count of a remote model whose tokenizer is not available here, erring high: a run of ASCII letters and
 * digits costs one token per three characters (sub-word tokenizers average three to four on code), other ASCII
 * symbols one each, whitespace nothing, and any other character one token per UTF-8 byte (the most a byte-level
 * tokenizer can spend on it).
 */
final class TokenEstimate {
    private TokenEstimate() {
    }

    static int of(String text) {
        int tokens = 0;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80 && Character.isLetterOrDigit(cp)) {
                run++;
                continue;
            }
            tokens += (run + 2) / 3;
            run = 0;
            if (cp < 0x80) {
                tokens += Character.isWhitespace(cp) ? 0 : 1;
            } else {
                tokens += cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            }
        }
        return tokens + (run + 2) / 3;
    }
}
