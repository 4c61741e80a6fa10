package dev.codeindexer.embed.onnx;

import java.util.Objects;

/**
 * What the runner needs to know of one model, wherever its files came from (the built-in catalogue or a
 * directory of one's own).
 *
 * @param modelId           {@link OnnxEmbeddingModel#modelId()}
 * @param pooling           how token vectors become the text vector
 * @param queryPrefix       put before every query
 * @param documentPrefix    put before every document
 * @param maxSequenceLength tokens the model reads, special tokens included
 * @param dimension         length of the output vectors, or 0 to learn it from one probe run
 */
record OnnxModelSettings(String modelId, Pooling pooling, String queryPrefix, String documentPrefix,
                         int maxSequenceLength, int dimension) {
    OnnxModelSettings {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(pooling, "pooling");
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        documentPrefix = documentPrefix == null ? "" : documentPrefix;
        if (maxSequenceLength < 3 || dimension < 0) {
            throw new IllegalArgumentException("maxSequenceLength must be at least 3 and dimension not negative");
        }
    }

    OnnxModelSettings withDimension(int newDimension) {
        return new OnnxModelSettings(modelId, pooling, queryPrefix, documentPrefix, maxSequenceLength, newDimension);
    }
}
