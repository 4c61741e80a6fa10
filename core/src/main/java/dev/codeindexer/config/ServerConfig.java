package dev.codeindexer.config;

/**
 * The {@code server} block: where {@code code-indexer serve} listens and what it accepts.
 *
 * @param host            the address to bind (loopback by default; any other address requires a token)
 * @param port            the TCP port; 0 for any free port
 * @param token           the bearer token API calls must carry; write it as {@code ${CODE_INDEXER_TOKEN}}, or leave
 *                        it unset and export {@code CODE_INDEXER_TOKEN}
 * @param maxRequestBytes the largest request body accepted (larger ones are refused with 413)
 */
public record ServerConfig(String host, Integer port, String token, Integer maxRequestBytes) {
    public ServerConfig {
        host = Check.or(host, "127.0.0.1");
        port = Check.range("server.port", Check.or(port, 8080), 0, 65_535);
        token = token == null || token.isBlank() ? null : token;
        maxRequestBytes = Check.range("server.max_request_bytes", Check.or(maxRequestBytes, 64 * 1024), 1024,
                64 * 1024 * 1024);
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null);
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ServerConfig[host=" + host + ", port=" + port + ", token=" + Check.mask(token) + ", maxRequestBytes="
                + maxRequestBytes + "]";
    }
}
