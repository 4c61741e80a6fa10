package dev.codeindexer.embed.onnx;

/** How a sequence of token vectors becomes one text vector; fixed by how the model was trained. */
public enum Pooling {
    /** The vector of the leading {@code [CLS]} token (BGE models). */
    CLS,
    /** The average of the real (unpadded) tokens' vectors (sentence-transformers MiniLM models, E5). */
    MEAN,
    /** None: the model's output is one vector per text already (an export with its pooling built in). */
    NONE
}
