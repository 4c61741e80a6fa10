package dev.codeindexer.embed;

import java.util.List;

/**
 * Turns text into vectors. Implementations: the in-process ONNX model (default, no network, no key), an
 * OpenAI-compatible HTTP endpoint, Ollama's native API, and {@link dev.codeindexer.embed.cache.CachingEmbeddingModel}
 * in front of any of them. Build one with {@link EmbeddingModels#create}.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>Each returned vector has {@link #dimension()} components and unit L2 norm, so cosine similarity equals the
 *       dot product and a higher score means more similar.</li>
 *   <li>The i-th vector belongs to the i-th input; an empty list gives an empty list; null elements are rejected
 *       with {@link NullPointerException}. The same text and kind always give the same vector for a given
 *       {@link #modelId()} (up to floating-point noise of the backend).</li>
 *   <li>Documents and queries may be embedded differently: the model's query convention (for example an
 *       instruction prefix) is applied by {@link #embedQueries} only. Always embed what you search for with
 *       {@link #embedQueries} and what you index with {@link #embedDocuments}.</li>
 *   <li>Text longer than {@link #maxInputTokens()} is truncated by the model, never rejected.</li>
 *   <li>Failures throw {@link EmbeddingException} (or a subtype) whose message names the fix; no method returns a
 *       partial result.</li>
 *   <li>Implementations are thread-safe. {@link #close()} is idempotent; no call may follow it.</li>
 * </ul>
 */
public interface EmbeddingModel extends AutoCloseable {

    /** Embeds passages to be indexed (code chunks). */
    List<float[]> embedDocuments(List<String> texts);

    /** Embeds search queries, applying the model's query convention. */
    List<float[]> embedQueries(List<String> queries);

    /** Embeds one search query. */
    default float[] embedQuery(String query) {
        return embedQueries(List.of(query)).getFirst();
    }

    /**
     * Length of every vector. An HTTP model whose dimension was not configured learns it from the provider, with one
     * short request on first call if nothing was embedded yet.
     */
    int dimension();

    /**
     * Stable, specific identity of what produces the vectors, e.g. {@code onnx:bge-small-en-v1.5-q} or
     * {@code openai:text-embedding-3-small@512}. Vectors of different ids must never be mixed in one index.
     */
    String modelId();

    /**
     * How many tokens of text (as counted by {@link #countTokens}) the model reads before truncating, special tokens
     * already deducted: a text is embedded whole if and only if {@code countTokens(text) <= maxInputTokens()}.
     */
    int maxInputTokens();

    /**
     * Tokens {@code text} costs the model, without special tokens and without truncation; never negative. Exact for
     * the in-process models (their own tokenizer); for HTTP providers, whose tokenizer is remote, a deliberately high
     * estimate so that budgets stay under the limit.
     */
    int countTokens(String text);

    /**
     * Starts, on another thread, what the first embedding would otherwise wait for (an in-process model's session),
     * for a caller that will embed soon; failures surface at that first embedding. Nothing to do by default.
     */
    default void prepare() {
    }

    /** Releases native sessions, connections and files. */
    @Override
    void close();
}
