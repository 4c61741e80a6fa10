package dev.codeindexer.embed.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.embed.EmbeddingConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BERT WordPiece tokenization read from a HuggingFace {@code tokenizer.json}, producing the same ids as the
 * {@code tokenizers} library: special tokens written literally in the text are matched first, the rest goes through
 * {@link BertPreTokenizer}, then each word is split greedily into the longest vocabulary pieces ({@code ##} marks a
 * piece that continues a word); a word with an unmatchable rest, or longer than the per-word limit, becomes
 * {@code [UNK]}. Immutable and thread-safe.
 */
public final class WordPieceTokenizer {
    private final Map<String, Integer> wordStart;
    private final Map<String, Integer> continuation;
    private final int maxPieceChars;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    private final int maxCharsPerWord;
    private final List<Special> specials;
    private final BertPreTokenizer preTokenizer;
    /**
     * Pieces per word, for {@link #count}: the chunker counts every line of a codebase two or three times, and code
     * repeats its words, so most words are looked up once instead of matched piece by piece against the vocabulary.
     * Bounded (cleared when full) so that memory does not grow with the codebase.
     */
    private final Map<String, Integer> piecesPerWord = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_WORDS = 1 << 16;

    private record Special(String content, int id) {
    }

    private WordPieceTokenizer(Map<String, Integer> vocab, String continuingPrefix, int unkId, int clsId, int sepId,
                               int maxCharsPerWord, List<Special> specials, BertPreTokenizer preTokenizer) {
        this.wordStart = vocab;
        this.continuation = new HashMap<>();
        int longest = 1;
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            String piece = e.getKey();
            if (piece.startsWith(continuingPrefix)) {
                continuation.put(piece.substring(continuingPrefix.length()), e.getValue());
            }
            longest = Math.max(longest, piece.codePointCount(0, piece.length()));
        }
        this.maxPieceChars = longest;
        this.unkId = unkId;
        this.clsId = clsId;
        this.sepId = sepId;
        this.maxCharsPerWord = maxCharsPerWord;
        this.specials = specials;
        this.preTokenizer = preTokenizer;
    }

    /**
     * Reads a BERT WordPiece {@code tokenizer.json}.
     *
     * @throws EmbeddingConfigException if the file is unreadable or describes another kind of tokenizer
     */
    public static WordPieceTokenizer fromJson(InputStream json, String name) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read tokenizer " + name + ": " + e.getMessage(), e);
        }
        JsonNode model = root.path("model");
        JsonNode normalizer = root.path("normalizer");
        if (!"WordPiece".equals(model.path("type").asText())
                || !"BertNormalizer".equals(normalizer.path("type").asText())
                || !"BertPreTokenizer".equals(root.path("pre_tokenizer").path("type").asText())) {
            throw new EmbeddingConfigException("tokenizer " + name + " is not a BERT WordPiece tokenizer (model "
                    + model.path("type").asText("?") + "); only BERT-style models are supported in-process");
        }
        if (!normalizer.path("clean_text").asBoolean(true) || !normalizer.path("handle_chinese_chars").asBoolean(true)) {
            throw new EmbeddingConfigException("tokenizer " + name
                    + " turns off clean_text or handle_chinese_chars, which this tokenizer does not implement");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        JsonNode strip = normalizer.path("strip_accents");
        boolean stripAccents = strip.isNull() || strip.isMissingNode() ? lowercase : strip.asBoolean();
        List<Special> specials = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) {
            specials.add(new Special(t.path("content").asText(), t.path("id").asInt()));
        }
        // Longest first, so that at one position the longest special token wins.
        specials.sort(Comparator.comparingInt((Special s) -> s.content().length()).reversed());
        String unk = model.path("unk_token").asText("[UNK]");
        return new WordPieceTokenizer(vocab, model.path("continuing_subword_prefix").asText("##"),
                require(vocab, unk, name), require(vocab, "[CLS]", name), require(vocab, "[SEP]", name),
                model.path("max_input_chars_per_word").asInt(100), List.copyOf(specials),
                new BertPreTokenizer(lowercase, stripAccents));
    }

    private static int require(Map<String, Integer> vocab, String token, String name) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new EmbeddingConfigException("tokenizer " + name + " has no " + token + " token");
        }
        return id;
    }

    /**
     * Model input for {@code text}: {@code [CLS]}, at most {@code maxTokens - 2} text tokens, {@code [SEP]}.
     * Tokenization stops as soon as enough tokens exist, so a huge text costs no more than its head.
     */
    public int[] encode(String text, int maxTokens) {
        if (maxTokens < 2) {
            throw new IllegalArgumentException("maxTokens must leave room for [CLS] and [SEP], got " + maxTokens);
        }
        IdBuffer ids = new IdBuffer(maxTokens - 2);
        tokenize(text, ids);
        int n = Math.min(ids.size, maxTokens - 2);
        int[] out = new int[n + 2];
        out[0] = clsId;
        System.arraycopy(ids.ids, 0, out, 1, n);
        out[n + 1] = sepId;
        return out;
    }

    /** This tokenizer as a model's, cutting every text to {@code maxSequenceLength} tokens with the special ones. */
    public ModelTokenizer limitedTo(int maxSequenceLength) {
        if (maxSequenceLength < 3) {
            throw new IllegalArgumentException("maxSequenceLength must leave room for a token, got " + maxSequenceLength);
        }
        return new ModelTokenizer() {
            @Override
            public int[] encode(String text) {
                return WordPieceTokenizer.this.encode(text, maxSequenceLength);
            }

            @Override
            public int count(String text) {
                return WordPieceTokenizer.this.count(text);
            }

            @Override
            public int specialTokens() {
                return 2;
            }
        };
    }

    /** Text tokens of {@code text}, without special tokens and without truncation. */
    public int[] tokenize(String text) {
        IdBuffer ids = new IdBuffer(Integer.MAX_VALUE);
        tokenize(text, ids);
        return Arrays.copyOf(ids.ids, ids.size);
    }

    /**
     * Number of text tokens of {@code text}, without special tokens and without truncation: the length of
     * {@link #tokenize}, worked out without building the ids (ASCII text, most code, in one pass).
     */
    public int count(String text) {
        int[] tokens = {0};
        splitAtSpecials(text, (from, to, special) -> {
            tokens[0] += countWords(text, from, to) + (special == null ? 0 : 1);
            return true;
        });
        return tokens[0];
    }

    /** Tokens of {@code text[from, to)}, which holds no special token. */
    private int countWords(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) >= 0x80) {
                int[] n = {0};
                preTokenizer.split(text.substring(from, to), word -> {
                    n[0] += pieces(word);
                    return true;
                });
                return n[0];
            }
        }
        // ASCII: BertPreTokenizer's rules for these characters, without its copies of the text.
        int tokens = 0;
        char[] word = new char[Math.min(to - from, maxCharsPerWord + 1)];
        int length = 0;
        boolean tooLong = false;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : ' ';
            if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                continue; // dropped: control characters split nothing
            }
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            boolean punctuation = !space && BertPreTokenizer.isPunctuation(c);
            if (space || punctuation) {
                if (tooLong) {
                    tokens++; // one [UNK]
                } else if (length > 0) {
                    tokens += pieces(new String(word, 0, length));
                }
                length = 0;
                tooLong = false;
                if (punctuation) {
                    tokens++;
                }
            } else if (length < word.length && !tooLong) {
                word[length++] = preTokenizer.lowercase() && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            } else {
                tooLong = true;
            }
        }
        return tokens;
    }

    private int pieces(String word) {
        Integer cached = piecesPerWord.get(word);
        if (cached != null) {
            return cached;
        }
        IdBuffer ids = new IdBuffer(Integer.MAX_VALUE);
        wordPieces(word, ids);
        if (piecesPerWord.size() >= MAX_CACHED_WORDS) {
            piecesPerWord.clear();
        }
        piecesPerWord.put(word, ids.size);
        return ids.size;
    }

    private void tokenize(String text, IdBuffer ids) {
        splitAtSpecials(text, (from, to, special) -> words(text.substring(from, to), ids)
                && (special == null || ids.add(special.id())));
    }

    /** Receives a run of text without special tokens and the special token after it (null after the last run). */
    @FunctionalInterface
    private interface Segment {
        /** Returns false to stop. */
        boolean accept(int from, int to, Special after);
    }

    /** Cuts {@code text} at the special tokens written in it ({@code [SEP]}), which are matched before any word. */
    private void splitAtSpecials(String text, Segment segment) {
        int start = 0;
        int i = specials.isEmpty() ? -1 : text.indexOf('[');
        while (i >= 0 && i < text.length()) {
            Special found = specialAt(text, i);
            if (found == null) {
                i = text.indexOf('[', i + 1);
                continue;
            }
            if (!segment.accept(start, i, found)) {
                return;
            }
            start = i + found.content().length();
            i = text.indexOf('[', start);
        }
        segment.accept(start, text.length(), null);
    }

    private Special specialAt(String text, int i) {
        for (Special s : specials) {
            if (text.startsWith(s.content(), i)) {
                return s;
            }
        }
        return null;
    }

    private boolean words(String segment, IdBuffer ids) {
        return segment.isEmpty() || preTokenizer.split(segment, word -> wordPieces(word, ids));
    }

    /** Appends the pieces of one word; returns false once the buffer is full. */
    private boolean wordPieces(String word, IdBuffer ids) {
        int chars = word.codePointCount(0, word.length());
        if (chars > maxCharsPerWord) {
            return ids.add(unkId);
        }
        int mark = ids.size;
        int start = 0;
        while (start < word.length()) {
            Map<String, Integer> table = start == 0 ? wordStart : continuation;
            int end = word.offsetByCodePoints(start, Math.min(maxPieceChars, word.codePointCount(start, word.length())));
            Integer id = null;
            while (end > start) {
                id = table.get(word.substring(start, end));
                if (id != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (id == null) {
                ids.size = mark;
                return ids.add(unkId);
            }
            ids.addUnbounded(id);
            start = end;
        }
        return !ids.full();
    }

    /** Growable id list that reports when it holds at least {@code limit} text tokens. */
    private static final class IdBuffer {
        private final int limit;
        private int[] ids = new int[64];
        private int size;

        IdBuffer(int limit) {
            this.limit = limit;
        }

        boolean add(int id) {
            addUnbounded(id);
            return !full();
        }

        void addUnbounded(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        boolean full() {
            return size >= limit;
        }
    }
}
