package dev.codeindexer.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.codeindexer.server.IndexService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the JSON API under {@code /api}, the search page at {@code /}, {@code /openapi.json},
 * {@code /metrics} (Prometheus) and {@code /health}. It runs on the JDK's built-in server with one virtual thread per
 * request, behind a {@link FrontDoor} that owns the public socket and answers malformed requests with JSON; at most
 * {@value #MAX_IN_FLIGHT} requests are handled at once; more are answered 503 at once rather than queued behind a
 * long index run or a slow model.
 */
public final class ApiServer implements AutoCloseable {
    static final int MAX_IN_FLIGHT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer server;
    private final FrontDoor door;
    private final ExecutorService executor;
    private final Router router;
    private final ServerSettings settings;
    private final HttpMetrics metrics;
    private final BrowserGuard guard;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    private ApiServer(HttpServer server, FrontDoor door, ExecutorService executor, Router router,
                      ServerSettings settings, HttpMetrics metrics) {
        this.server = server;
        this.door = door;
        this.executor = executor;
        this.router = router;
        this.settings = settings;
        this.metrics = metrics;
        this.guard = new BrowserGuard(settings.host(), door.address().getPort(), settings.allowedHosts());
    }

    /**
     * Binds and starts serving.
     *
     * @throws UncheckedIOException when the address cannot be bound (in use, not local)
     */
    public static ApiServer start(ServerSettings settings, IndexService service, PrometheusMeterRegistry registry) {
        HttpServer http;
        try {
            // Reached only through the front door, which connects to it over loopback.
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), FrontDoor.BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on a loopback port (" + e.getMessage() + ")", e);
        }
        HttpMetrics metrics = new HttpMetrics(registry);
        FrontDoor door;
        try {
            door = FrontDoor.open(settings.host(), settings.port(), http.getAddress(),
                    (status, nanos) -> metrics.record("-", "malformed", status, nanos));
        } catch (IOException e) {
            http.stop(0);
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port() + " ("
                    + e.getMessage() + "); is another server using the port? Choose another with --port", e);
        }
        List<Route> routes = new ArrayList<>(new ApiHandlers(service).routes());
        for (String path : StaticFiles.paths()) {
            routes.add(new Route("GET", path, false, request -> StaticFiles.get(path)));
        }
        Health health = new Health(service);
        routes.add(new Route("GET", "/health", false, request -> health.ready()));
        routes.add(new Route("GET", "/health/ready", false, request -> health.ready()));
        routes.add(new Route("GET", "/health/live", false, request -> health.live()));
        routes.add(new Route("GET", "/metrics", true, request -> Response.text(200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape())));
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("code-indexer-http-", 0).factory());
        ApiServer api = new ApiServer(http, door, executor, new Router(routes), settings, metrics);
        http.createContext("/", api::handle);
        http.setExecutor(executor);
        http.start();
        LOG.info("serving on {} ({})", api.address(), settings);
        return api;
    }

    /** The address it listens on, with the port it got when 0 was asked. */
    public URI address() {
        InetSocketAddress a = door.address();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    private void handle(HttpExchange exchange) {
        long start = System.nanoTime();
        String method = exchange.getRequestMethod();
        String route = "unmatched";
        Response response;
        if (!inFlight.tryAcquire()) {
            response = Response.error(new ApiException(503, "busy", "the server is handling " + MAX_IN_FLIGHT
                    + " requests already; retry shortly"));
        } else {
            try {
                String path = exchange.getRequestURI().getPath();
                // Probes reach the server by whatever name their platform gives it; health says only up or down.
                boolean probe = path.equals("/health") || path.startsWith("/health/");
                if (!probe) {
                    guard.checkHost(exchange.getRequestHeaders());
                }
                // A link from another site may open the page; everything else is for this origin (or no browser).
                if (!probe && !StaticFiles.has(path)) {
                    guard.checkOrigin(exchange.getRequestHeaders());
                }
                Router.Match match = router.match(method, path);
                route = match.route().name();
                if (match.route().auth()) {
                    authorize(exchange);
                }
                response = match.route().handler().handle(new Request(exchange, match.params(), settings.maxBodyBytes()));
            } catch (Router.MethodNotAllowed e) {
                response = Response.error(new ApiException(405, "method_not_allowed", e.getMessage()))
                        .withHeader("Allow", e.allow);
            } catch (RuntimeException e) {
                response = Response.error(failure(method, exchange, e));
            } finally {
                inFlight.release();
            }
        }
        if (response.status() == 401) {
            response = response.withHeader("WWW-Authenticate", "Bearer realm=\"code-indexer\"");
        }
        // Counted before it is sent: a client that has its answer (and asks /metrics next) finds it counted.
        metrics.record(method, route, response.status(), System.nanoTime() - start);
        try {
            send(exchange, response);
        } catch (IOException e) {
            // The client went away before reading its answer; nothing is left to tell it.
            LOG.debug("could not send the response to {} {}: {}", method, route, e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private static ApiException failure(String method, HttpExchange exchange, RuntimeException e) {
        ApiException api = Errors.classify(e);
        if (api == null) {
            LOG.error("{} {} failed", method, exchange.getRequestURI().getPath(), e);
            return Errors.internal();
        }
        if (api.status() >= 500) {
            LOG.warn("{} {}: {}", method, exchange.getRequestURI().getPath(), api.getMessage());
        }
        return api;
    }

    /** Checks the bearer token in constant time; without a configured token (loopback only) anyone local may call. */
    private void authorize(HttpExchange exchange) {
        if (settings.token() == null) {
            return;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "unauthorized", "this server requires 'Authorization: Bearer <token>' "
                    + "(the server.token of its config or CODE_INDEXER_TOKEN)");
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, settings.token().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(401, "unauthorized", "the bearer token is wrong");
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set("X-Content-Type-Options", "nosniff");
        // Each connection carries one request, checked by the front door; say so, or a client would reuse it.
        headers.set("Connection", "close");
        // The page is self-contained: it loads nothing from anywhere else, and nothing may frame it.
        headers.set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        response.headers().forEach(headers::set);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), head || response.body().length == 0 ? -1 : response.body().length);
        if (!head && response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    /** Stops accepting, gives running requests a second to finish, then stops their threads. */
    @Override
    public void close() {
        try {
            door.close();
        } finally {
            server.stop(1);
            executor.shutdownNow();
        }
    }

    /** {@code /health}: liveness always, readiness when the store answers. */
    private record Health(IndexService service) {
        Response live() {
            return Response.ok(Map.of("status", "up"));
        }

        Response ready() {
            Map<String, String> failures = service.unreadyChecks();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", failures.isEmpty() ? "up" : "down");
            out.put("checks", failures.isEmpty() ? Map.of("store", "up") : failures);
            return Response.json(failures.isEmpty() ? 200 : 503, out);
        }
    }
}
