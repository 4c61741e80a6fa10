package dev.codeindexer.server.http;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Finds the route for a request; an unknown path is 404 and a known path with another method is 405. */
final class Router {
    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    List<Route> routes() {
        return routes;
    }

    record Match(Route route, Map<String, String> params) {
    }

    Match match(String method, String path) {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = r.match(path);
            if (params != null) {
                if (r.method().equals(method)) {
                    return new Match(r, params);
                }
                allowed.add(r.method());
            }
        }
        if (allowed.isEmpty()) {
            throw new ApiException(404, "not_found", "no endpoint " + path + "; see /openapi.json");
        }
        throw new MethodNotAllowed(method, path, String.join(", ", allowed));
    }

    /** 405, with the methods the path does take (sent as the Allow header). */
    static final class MethodNotAllowed extends RuntimeException {
        final String allow;

        MethodNotAllowed(String method, String path, String allow) {
            super(path + " does not take " + method + "; it takes " + allow);
            this.allow = allow;
        }
    }
}
