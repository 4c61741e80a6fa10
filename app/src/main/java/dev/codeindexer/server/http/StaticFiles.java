package dev.codeindexer.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The search page and the OpenAPI document, served from the jar's {@code web/} resources. Only the files named
 * here are served, so no request path ever reaches the class loader.
 */
final class StaticFiles {
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/app.js", "app.js",
            "/app.css", "app.css",
            "/openapi.json", "openapi.json");

    private StaticFiles() {
    }

    static Iterable<String> paths() {
        return FILES.keySet();
    }

    static boolean has(String path) {
        return FILES.containsKey(path);
    }

    static Response get(String path) {
        String name = FILES.get(path);
        if (name == null) {
            throw new ApiException(404, "not_found", "no file " + path);
        }
        byte[] bytes;
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks web/" + name + "; rebuild it");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading web/" + name + " from the jar failed", e);
        }
        return new Response(200, contentType(name), bytes, Map.of("Cache-Control", "no-cache"));
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return Response.JSON;
    }
}
