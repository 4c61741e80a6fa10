package dev.codeindexer.server.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint: a method and a path pattern whose {@code {name}} segments bind path parameters.
 *
 * @param name  the route's label in metrics (the pattern, so that ids do not explode the label values)
 * @param auth  whether the bearer token (when one is configured) is required
 */
record Route(String method, String pattern, boolean auth, Handler handler) {
    /** Handles one matched request. */
    @FunctionalInterface
    interface Handler {
        Response handle(Request request);
    }

    String name() {
        return pattern;
    }

    /** The path parameters if {@code path} matches the pattern, else null. */
    Map<String, String> match(String path) {
        List<String> want = List.of(pattern.substring(1).split("/", -1));
        List<String> got = List.of(path.substring(1).split("/", -1));
        if (want.size() != got.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            if (w.startsWith("{") && w.endsWith("}")) {
                if (got.get(i).isEmpty()) {
                    return null;
                }
                params.put(w.substring(1, w.length() - 1), got.get(i));
            } else if (!w.equals(got.get(i))) {
                return null;
            }
        }
        return params;
    }
}
