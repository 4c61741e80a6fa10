package dev.codeindexer.server.http;

import com.sun.net.httpserver.Headers;
import dev.codeindexer.text.Printable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Keeps web pages from driving the server through the user's browser. A page on another origin can make the browser
 * send requests to {@code 127.0.0.1}, and through a DNS name that it rebinds to 127.0.0.1 it can even read the
 * answers, since to the browser they are then same-origin. Two checks stop both:
 * <ul>
 *   <li>the {@code Host} header must name this server: a loopback name or the bound address with the server's port,
 *   or a name in {@code server.allowed_hosts}; a rebinding name is none of these;</li>
 *   <li>a request to a guarded route (the API and metrics) that a browser marks as coming from a page of another
 *   origin ({@code Origin} not this server's, or {@code Sec-Fetch-Site} other than {@code same-origin}) is refused,
 *   whatever its method; no CORS header is ever sent, so browsers keep other pages from reading any answer.</li>
 * </ul>
 * Clients that are not browsers (curl, agents, scripts) send neither {@code Origin} nor {@code Sec-Fetch-Site} and
 * pass the second check; the bearer token, when configured, is what authenticates them.
 */
final class BrowserGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");

    /** Host names (lower case, IPv6 literals in brackets) that must come with the server's own port. */
    private final Set<String> ownNames;
    /** Configured names: {@code name} (any port) or {@code name:port}, lower case. */
    private final List<String> allowed;
    private final int port;

    BrowserGuard(String bindHost, int port, List<String> allowedHosts) {
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        String bound = bindHost.toLowerCase(Locale.ROOT);
        if (bound.contains(":") && !bound.startsWith("[")) {
            bound = "[" + bound + "]";
        }
        if (!WILDCARDS.contains(bound)) {
            names.add(bound);
        }
        this.ownNames = Set.copyOf(names);
        this.allowed = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        this.port = port;
    }

    /**
     * Refuses a request whose {@code Host} header names another server.
     *
     * @throws ApiException 400 without a Host header, 403 {@code host_not_allowed} for a name not allowed
     */
    void checkHost(Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || host.isBlank()) {
            throw ApiException.badRequest("the request has no Host header; HTTP/1.1 requires one");
        }
        if (!hostAllowed(host.strip().toLowerCase(Locale.ROOT))) {
            throw new ApiException(403, "host_not_allowed", "this server does not answer to the host name '"
                    + printable(host) + "' (a web page reaching it through a rebinding DNS name would send one like "
                    + "it); use 127.0.0.1 or localhost, or add the name to server.allowed_hosts in the config");
        }
    }

    /**
     * Refuses a request that a browser sent on behalf of a page of another origin. Called after
     * {@link #checkHost}, so the {@code Host} header is this server's.
     *
     * @throws ApiException 403 {@code cross_origin}
     */
    void checkOrigin(Headers headers) {
        String origin = headers.getFirst("Origin");
        if (origin != null && !sameOrigin(origin.strip(), headers.getFirst("Host").strip())) {
            throw crossOrigin("Origin: " + printable(origin));
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        // "none" is the user's own action (an address typed or bookmarked), which only ever navigates.
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw crossOrigin("Sec-Fetch-Site: " + printable(site));
        }
    }

    private static ApiException crossOrigin(String evidence) {
        return new ApiException(403, "cross_origin", "requests from web pages of other origins are refused (" + evidence
                + "); call the API from this server's own page or from a program that is not a browser");
    }

    private boolean hostAllowed(String host) {
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > host.lastIndexOf(']');
        String name = hasPort ? host.substring(0, colon) : host;
        String givenPort = hasPort ? host.substring(colon + 1) : null;
        if (ownNames.contains(name)
                && (givenPort == null ? port == 80 : givenPort.equals(Integer.toString(port)))) {
            return true;
        }
        return allowed.contains(host) || allowed.contains(name);
    }

    /** Whether {@code origin} (scheme://host[:port]) is the origin of a page served under the Host {@code host}. */
    private static boolean sameOrigin(String origin, String host) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        // A reverse proxy may end TLS in front of the server: the page is https, the Host header the same name.
        return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getRawAuthority() != null
                && uri.getRawAuthority().equalsIgnoreCase(host) && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
    }

    /** A header value as it may be echoed in a message: control characters escaped, and not too long. */
    private static String printable(String value) {
        return Printable.field(value.length() > 200 ? value.substring(0, 200) + "..." : value);
    }
}
