package dev.codeindexer.embed.onnx;

/**
 * Text to the token ids one in-process model reads. Implementations: {@link WordPieceTokenizer} for the built-in
 * models, {@link NativeTokenizer} for a model brought in a directory. Thread-safe; {@link #close()} is idempotent.
 */
public interface ModelTokenizer extends AutoCloseable {

    /** The ids the model reads for {@code text}: special tokens added, cut to the model's sequence length. */
    int[] encode(String text);

    /** Tokens {@code text} costs, without special tokens and without truncation. */
    int count(String text);

    /** Special tokens {@link #encode} adds around every text ({@code [CLS]} and {@code [SEP]} for BERT: 2). */
    int specialTokens();

    /** Releases native memory, if any. */
    @Override
    default void close() {
    }
}
