package dev.codeindexer.embed.onnx;

import java.text.Normalizer;

/**
 * The "basic" half of BERT tokenization, as the HuggingFace {@code tokenizers} BertNormalizer and BertPreTokenizer
 * define it: drop control characters and map whitespace to a space, put spaces around CJK ideographs, strip accents
 * (NFD, then drop non-spacing marks), lower-case, then split on whitespace and isolate every punctuation character.
 * Character classes follow the Rust implementation, not {@link Character#isWhitespace} (which differs on U+00A0 and
 * friends), because the token ids must match the ones the model was trained with.
 */
final class BertPreTokenizer {
    private final boolean lowercase;
    private final boolean stripAccents;

    BertPreTokenizer(boolean lowercase, boolean stripAccents) {
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
    }

    boolean lowercase() {
        return lowercase;
    }

    /** Passes each word of {@code text} to {@code words} in order; returns false as soon as it returns false. */
    boolean split(String text, WordSink words) {
        StringBuilder cleaned = new StringBuilder(text.length() + 8);
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                continue;
            }
            if (isWhitespace(cp)) {
                cleaned.append(' ');
            } else if (isChinese(cp)) {
                cleaned.append(' ').appendCodePoint(cp).append(' ');
                ascii = false;
            } else {
                cleaned.appendCodePoint(cp);
                ascii &= cp < 0x80;
            }
        }
        CharSequence normalized = cleaned;
        if (stripAccents && !ascii) {
            normalized = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
        }
        StringBuilder word = new StringBuilder(32);
        for (int i = 0; i < normalized.length(); ) {
            int cp = Character.codePointAt(normalized, i);
            i += Character.charCount(cp);
            if (stripAccents && cp >= 0x80 && Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (isWhitespace(cp)) {
                if (!flush(word, words)) {
                    return false;
                }
            } else if (isPunctuation(cp)) {
                if (!flush(word, words) || !words.accept(Character.toString(cp))) {
                    return false;
                }
            } else {
                appendLowered(word, cp);
            }
        }
        return flush(word, words);
    }

    /** Receives words; returning false stops the split (the caller has enough tokens). */
    @FunctionalInterface
    interface WordSink {
        boolean accept(String word);
    }

    private void appendLowered(StringBuilder word, int cp) {
        if (!lowercase) {
            word.appendCodePoint(cp);
        } else if (cp < 0x80) {
            word.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
        } else if (cp == 0x130) {
            // The one unconditional multi-character lower case (Rust char::to_lowercase gives both chars); it only
            // survives to here when accents are kept, since NFD splits it into I + combining dot otherwise.
            word.append("i\u0307");
        } else {
            word.appendCodePoint(Character.toLowerCase(cp));
        }
    }

    private static boolean flush(StringBuilder word, WordSink words) {
        if (word.isEmpty()) {
            return true;
        }
        String w = word.toString();
        word.setLength(0);
        return words.accept(w);
    }

    /** Rust's char::is_whitespace (the Unicode White_Space property). */
    static boolean isWhitespace(int cp) {
        return switch (cp) {
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    /**
     * Control, format, private-use and surrogate characters (Cc, Cf, Co, Cs), except tab and line breaks, which
     * count as whitespace. Unassigned code points (Cn) stay, as in the reference implementation, and become [UNK].
     */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        if (cp < 0x80) {
            return cp < 0x20 || cp == 0x7F;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** ASCII punctuation (which includes symbols such as $ + < = > ^ ` | ~) or any Unicode P* category. */
    static boolean isPunctuation(int cp) {
        if (cp < 0x80) {
            return (cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126);
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** The CJK ideograph blocks BERT isolates (the same ranges as the reference implementation). */
    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
