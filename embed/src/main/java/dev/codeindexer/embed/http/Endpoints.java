package dev.codeindexer.embed.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.embed.EmbeddingException;
import java.net.URI;
import java.net.URISyntaxException;

/** URL and JSON details both wire formats share. */
final class Endpoints {
    private Endpoints() {
    }

    /** {@code base} with {@code path} appended to its path; its query string (Azure's api-version) is kept. */
    static URI append(String base, String path) {
        if (base == null) {
            throw new EmbeddingConfigException("embedding.base_url is required for an HTTP provider");
        }
        int q = base.indexOf('?');
        String url = q < 0 ? base + path : base.substring(0, q) + path + base.substring(q);
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
                throw new EmbeddingConfigException("embedding.base_url '" + base
                        + "' must be an http:// or https:// URL such as http://localhost:11434");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new EmbeddingConfigException("embedding.base_url '" + base + "' is not a URL: " + e.getMessage(), e);
        }
    }

    static float[] floats(JsonNode array, URI from) {
        if (!array.isArray() || array.isEmpty()) {
            throw new EmbeddingException(from + " returned an embedding that is not a list of numbers;"
                    + " base64 encoding is not supported");
        }
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = array.get(i);
            if (!x.isNumber()) {
                throw new EmbeddingException(from + " returned a non-numeric embedding component: " + x);
            }
            v[i] = x.floatValue();
        }
        return v;
    }
}
