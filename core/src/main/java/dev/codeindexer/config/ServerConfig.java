package dev.codeindexer.config;

import java.util.List;

/**
 * The {@code server} block: where {@code code-indexer serve} listens and what it accepts.
 *
 * @param host            the address to bind (loopback by default; any other address requires a token)
 * @param port            the TCP port; 0 for any free port
 * @param token           the bearer token API calls must carry; write it as {@code ${CODE_INDEXER_TOKEN}}, or leave
 *                        it unset and export {@code CODE_INDEXER_TOKEN}
 * @param maxRequestBytes the largest request body accepted (larger ones are refused with 413)
 * @param allowedHosts    host names (optionally {@code name:port}) a request's {@code Host} header may carry besides
 *                        the loopback names and the bound address: the names clients use for a server bound beyond
 *                        loopback or behind a reverse proxy. Any other {@code Host} is refused, which is what stops a
 *                        web page from reaching the server through a rebinding DNS name
 * @param roots           the directories {@code serve} and {@code mcp} may index and search, and everything under
 *                        them; empty (the default) means the user's home directory without its dot-folders
 * @param repositories    the codebases {@code serve} keeps indexed and fresh on its own (a team server): each is
 *                        indexed when the server starts, again when its files change, and every
 *                        {@code refreshSeconds}; they must lie inside {@code roots}
 * @param refreshSeconds  how often every repository is re-indexed regardless of change events (which a network file
 *                        system or a container mount may not deliver); an unchanged one costs a walk of its tree;
 *                        0 = only on change
 */
public record ServerConfig(String host, Integer port, String token, Integer maxRequestBytes, List<String> allowedHosts,
                           List<String> roots, List<String> repositories, Integer refreshSeconds) {
    public ServerConfig {
        host = Check.or(host, "127.0.0.1");
        port = Check.range("server.port", Check.or(port, 8080), 0, 65_535);
        token = token == null || token.isBlank() ? null : token;
        maxRequestBytes = Check.range("server.max_request_bytes", Check.or(maxRequestBytes, 64 * 1024), 1024,
                64 * 1024 * 1024);
        allowedHosts = List.copyOf(Check.or(allowedHosts, List.of()));
        for (String name : allowedHosts) {
            if (name.isBlank() || name.contains("/") || name.contains("@") || name.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException("server.allowed_hosts holds '" + name + "'; give host names as a browser "
                        + "sends them in the Host header, e.g. 'code.example.com' or 'code.example.com:8080' (no scheme, "
                        + "no path)");
            }
        }
        roots = absoluteDirectories("server.roots", roots);
        repositories = absoluteDirectories("server.repositories", repositories);
        refreshSeconds = Check.range("server.refresh_seconds", Check.or(refreshSeconds, 300), 0, 7 * 24 * 3600);
    }

    /** The directories under {@code key}, each absolute (or {@code ~/...}); none when unset. */
    private static List<String> absoluteDirectories(String key, List<String> dirs) {
        List<String> out = List.copyOf(Check.or(dirs, List.of()));
        for (String dir : out) {
            if (dir.isBlank() || !(dir.startsWith("/") || dir.startsWith("~") || dir.matches("^[A-Za-z]:[\\\\/].*"))) {
                throw new ConfigException(key + " holds '" + dir + "'; give absolute directories (or ~/...)");
            }
        }
        return out;
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null, null, null, null);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", token=" + Check.mask(token) + ", maxRequestBytes="
                + maxRequestBytes + ", allowedHosts=" + allowedHosts + ", roots=" + roots + ", repositories=" + repositories
                + ", refreshSeconds=" + refreshSeconds + "]";
    }
}
