package dev.codeindexer.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;

/** One provider's embedding request and response shape. */
interface WireFormat {

    /** {@code provider:model[@dimensions]}, before any prefix tag. */
    String modelId();

    /** Where batches are POSTed. */
    URI endpoint();

    /** The request body for {@code inputs}. */
    String body(List<String> inputs);

    /**
     * The vectors of a 2xx response, in input order.
     *
     * @throws dev.codeindexer.embed.EmbeddingException if the response does not hold {@code expected} vectors
     */
    List<float[]> vectors(JsonNode response, int expected);

    /** How to supply a key, for the message of a 401. */
    String keyHint();
}
