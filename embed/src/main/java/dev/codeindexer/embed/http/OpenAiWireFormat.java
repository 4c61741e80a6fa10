package dev.codeindexer.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingException;
import java.net.URI;
import java.util.List;

/**
 * OpenAI's {@code POST {base_url}/embeddings}: {@code {model, input: [...], encoding_format: "float", dimensions?}}
 * answered by {@code {data: [{index, embedding}]}}. Also spoken by Azure-style gateways (a query string on the base
 * URL is kept), vLLM, LM Studio and Ollama's {@code /v1} endpoint.
 */
final class OpenAiWireFormat implements WireFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmbeddingConfig config;
    private final URI endpoint;

    OpenAiWireFormat(EmbeddingConfig config) {
        this.config = config;
        this.endpoint = Endpoints.append(config.baseUrl(), "/embeddings");
    }

    @Override
    public String modelId() {
        return "openai:" + config.model() + (config.dimensions() == null ? "" : "@" + config.dimensions());
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String body(List<String> inputs) {
        ObjectNode body = JSON.createObjectNode().put("model", config.model()).put("encoding_format", "float");
        inputs.forEach(body.putArray("input")::add);
        if (config.dimensions() != null) {
            body.put("dimensions", config.dimensions());
        }
        return body.toString();
    }

    @Override
    public List<float[]> vectors(JsonNode response, int expected) {
        JsonNode data = response.path("data");
        if (!data.isArray() || data.size() != expected) {
            throw new EmbeddingException(endpoint + " returned " + (data.isArray() ? data.size() : "no")
                    + " embeddings for " + expected + " inputs; is it an OpenAI-compatible embeddings endpoint?");
        }
        float[][] out = new float[expected][];
        for (JsonNode item : data) {
            int index = item.path("index").asInt(-1);
            if (index < 0 || index >= expected || out[index] != null) {
                throw new EmbeddingException(endpoint + " returned an embedding with index " + item.path("index")
                        + " for " + expected + " inputs");
            }
            out[index] = Endpoints.floats(item.path("embedding"), endpoint);
        }
        return List.of(out);
    }

    @Override
    public String keyHint() {
        return "set " + config.apiKeyEnv() + " or embedding.api_key";
    }
}
