package dev.codeindexer.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeindexer.embed.EmbeddingConfig;
import dev.codeindexer.embed.EmbeddingException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's native {@code POST {base_url}/api/embed}: {@code {model, input: [...], truncate: true, dimensions?}}
 * answered by {@code {embeddings: [[...], ...]}}.
 */
final class OllamaWireFormat implements WireFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmbeddingConfig config;
    private final URI endpoint;
    private final String model;

    OllamaWireFormat(EmbeddingConfig config) {
        this.config = config;
        this.endpoint = Endpoints.append(config.baseUrl(), "/api/embed");
        // "name" and "name:latest" are the same Ollama model; one id for both keeps existing indexes usable.
        this.model = config.model().contains(":") ? config.model() : config.model() + ":latest";
    }

    @Override
    public String modelId() {
        return "ollama:" + model + (config.dimensions() == null ? "" : "@" + config.dimensions());
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String body(List<String> inputs) {
        ObjectNode body = JSON.createObjectNode().put("model", config.model()).put("truncate", true);
        inputs.forEach(body.putArray("input")::add);
        if (config.dimensions() != null) {
            body.put("dimensions", config.dimensions());
        }
        return body.toString();
    }

    @Override
    public List<float[]> vectors(JsonNode response, int expected) {
        JsonNode embeddings = response.path("embeddings");
        if (!embeddings.isArray() || embeddings.size() != expected) {
            throw new EmbeddingException(endpoint + " returned " + (embeddings.isArray() ? embeddings.size() : "no")
                    + " embeddings for " + expected + " inputs; is it an Ollama server (0.3.4 or later)?");
        }
        List<float[]> out = new ArrayList<>(expected);
        embeddings.forEach(e -> out.add(Endpoints.floats(e, endpoint)));
        return out;
    }

    @Override
    public String keyHint() {
        return "Ollama needs no key, but a proxy in front of it does: set " + config.apiKeyEnv()
                + " or embedding.api_key";
    }
}
