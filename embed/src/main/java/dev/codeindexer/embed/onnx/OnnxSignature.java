package dev.codeindexer.embed.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.codeindexer.embed.EmbeddingConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs a model declares and the output holding its vectors, read from its ONNX Runtime session.
 *
 * @param attentionMask whether the model takes {@code attention_mask}
 * @param tokenTypes    whether the model takes {@code token_type_ids} (BERT does, RoBERTa-style models do not)
 * @param output        name of the output that holds the vectors
 * @param pooled        whether that output is one vector per text ({@code [batch, dim]}) rather than one per token
 *                      ({@code [batch, tokens, dim]})
 * @param width         its last dimension, or 0 where the model leaves it open
 */
record OnnxSignature(boolean attentionMask, boolean tokenTypes, String output, boolean pooled, int width) {
    static final String INPUT_IDS = "input_ids";
    static final String ATTENTION_MASK = "attention_mask";
    static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final Set<String> INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);
    /** Tried in this order when no output is named: per-token states first, an export's own pooled vector last. */
    static final List<String> PREFERRED_OUTPUTS = List.of("last_hidden_state", "token_embeddings",
            "sentence_embedding");

    /**
     * Reads the signature of {@code session}; {@code outputOrNull} names the output to use, else the first of
     * {@link #PREFERRED_OUTPUTS} the model has, else its first output.
     *
     * @param where the model file, named in errors
     * @throws EmbeddingConfigException if the model needs inputs a tokenizer cannot give or has no usable output
     */
    static OnnxSignature of(OrtSession session, String outputOrNull, String where) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (!inputs.containsKey(INPUT_IDS)) {
            throw new EmbeddingConfigException(where + " has inputs " + inputs.keySet() + " but no " + INPUT_IDS
                    + "; export the model with the transformers input names (input_ids, attention_mask)");
        }
        for (NodeInfo input : inputs.values()) {
            if (!INPUTS.contains(input.getName())) {
                throw new EmbeddingConfigException(where + " needs input '" + input.getName() + "', which is not"
                        + " supported; only " + INPUTS + " are given to a model");
            }
            if (!(input.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.INT64) {
                throw new EmbeddingConfigException(where + " declares input '" + input.getName() + "' as "
                        + input.getInfo() + "; token inputs must be int64 tensors");
            }
        }
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String output = outputOrNull != null ? outputOrNull
                : PREFERRED_OUTPUTS.stream().filter(outputs::containsKey).findFirst()
                        .orElse(outputs.keySet().iterator().next());
        NodeInfo info = outputs.get(output);
        if (info == null) {
            throw new EmbeddingConfigException(where + " has no output '" + output + "'; its outputs are "
                    + outputs.keySet());
        }
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT
                || (t.getShape().length != 2 && t.getShape().length != 3)) {
            throw new EmbeddingConfigException(where + " output '" + output + "' is " + info.getInfo()
                    + "; expected float vectors shaped [batch, tokens, dim] or [batch, dim]");
        }
        long[] shape = t.getShape();
        long last = shape[shape.length - 1];
        return new OnnxSignature(inputs.containsKey(ATTENTION_MASK), inputs.containsKey(TOKEN_TYPE_IDS), output,
                shape.length == 2, last > 0 ? Math.toIntExact(last) : 0);
    }

    @Override
    public String toString() {
        return "OnnxSignature[output=" + output + (pooled ? " [batch, dim]" : " [batch, tokens, dim]") + ", width="
                + (width == 0 ? "open" : Integer.toString(width)) + ", attentionMask=" + attentionMask
                + ", tokenTypes=" + tokenTypes + "]";
    }
}
