package dev.codeindexer.embed.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.embed.EmbeddingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any Hugging Face {@code tokenizer.json} (WordPiece, BPE, Unigram, with whatever normalizer, pre-tokenizer and
 * template it declares), run by the Hugging Face {@code tokenizers} library itself through DJL's binding, so the ids
 * are the reference implementation's by construction. The binding's native library ships in its jar and is unpacked
 * once to DJL's cache directory ({@code ~/.djl.ai}, or {@code $DJL_CACHE_DIR}); nothing is downloaded.
 *
 * <p>Two native tokenizers are kept: one adds the special tokens and truncates the way the library does for the
 * model (so a text too long keeps its head and still ends with, say, {@code [SEP]}); the other counts plain tokens
 * untruncated. The padding and truncation a {@code tokenizer.json} may declare are replaced by these. Thread-safe.
 */
public final class NativeTokenizer implements ModelTokenizer {
    static {
        // DJL's tokenizer factory "calls home" unless told not to: it asks the cloud metadata address
        // (169.254.169.254) who is running it, with one-second timeouts. An in-process tokenizer of local files has
        // no business on the network, so opt out unless the user chose otherwise.
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private final HuggingFaceTokenizer encoder;
    private final HuggingFaceTokenizer counter;
    private final int specialTokens;

    private NativeTokenizer(HuggingFaceTokenizer encoder, HuggingFaceTokenizer counter) {
        this.encoder = encoder;
        this.counter = counter;
        this.specialTokens = encoder.encode("").getIds().length;
    }

    /**
     * Loads {@code tokenizerJson} for a model reading at most {@code maxSequenceLength} tokens, special ones included.
     *
     * @throws EmbeddingConfigException if the file cannot be read or is not a tokenizer the library understands
     * @throws EmbeddingException       if the native library cannot be loaded on this platform
     */
    public static NativeTokenizer open(Path tokenizerJson, int maxSequenceLength) {
        try {
            LibUtils.checkStatus();
        } catch (RuntimeException e) {
            throw new EmbeddingException("the Hugging Face tokenizers library cannot be loaded on " + platform()
                    + " (" + e.getMessage() + "); embedding.model_path needs Linux on x86-64 or aarch64, macOS on"
                    + " aarch64 or Windows on x86-64", e);
        }
        String length = Integer.toString(maxSequenceLength);
        HuggingFaceTokenizer encoder = load(tokenizerJson, Map.of("addSpecialTokens", "true", "truncation", "true",
                "maxLength", length, "modelMaxLength", length, "padding", "false"));
        try {
            HuggingFaceTokenizer counter = load(tokenizerJson, Map.of("addSpecialTokens", "false",
                    "truncation", "false", "padding", "false"));
            NativeTokenizer tokenizer = new NativeTokenizer(encoder, counter);
            if (tokenizer.specialTokens >= maxSequenceLength) {
                tokenizer.close();
                throw new EmbeddingConfigException(tokenizerJson + " adds " + tokenizer.specialTokens
                        + " special tokens, which leaves no room for text in " + maxSequenceLength
                        + " tokens; raise max_tokens in " + ModelDirectory.CONFIG_FILE);
            }
            return tokenizer;
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }

    private static HuggingFaceTokenizer load(Path file, Map<String, String> options) {
        try {
            return HuggingFaceTokenizer.newInstance(file, options);
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read tokenizer " + file + ": " + e.getMessage()
                    + "; check that the file exists and is readable", e);
        } catch (RuntimeException e) {
            // The library's parse errors arrive as plain runtime exceptions from the native side.
            throw new EmbeddingConfigException("tokenizer " + file + " is not a Hugging Face tokenizer.json ("
                    + e.getMessage() + "); write it with the tokenizers library (tokenizer.save) or a transformers"
                    + " tokenizer's save_pretrained", e);
        }
    }

    private static String platform() {
        return System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    @Override
    public int[] encode(String text) {
        return toInts(encoder.encode(text).getIds());
    }

    @Override
    public int count(String text) {
        return counter.encode(text).getIds().length;
    }

    @Override
    public int specialTokens() {
        return specialTokens;
    }

    @Override
    public void close() {
        try {
            encoder.close();
        } finally {
            counter.close();
        }
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
