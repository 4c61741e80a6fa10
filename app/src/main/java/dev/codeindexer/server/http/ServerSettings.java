package dev.codeindexer.server.http;

import dev.codeindexer.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where and how the HTTP server listens.
 *
 * @param host         the address to bind; loopback unless a token protects the API
 * @param port         0 for any free port
 * @param token        the bearer token every API call must carry, or null for none (loopback only)
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param allowedHosts {@code Host} header values accepted besides the loopback names and {@code host}
 *                     ({@code server.allowed_hosts}): {@code name} for any port, {@code name:port} for one
 */
public record ServerSettings(String host, int port, String token, int maxBodyBytes, List<String> allowedHosts) {
    /** A shorter token could be found by trying; 16 characters is the floor, 64 random hex digits the advice. */
    static final int MIN_TOKEN_LENGTH = 16;

    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new ConfigException("--host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException("--port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new ConfigException("the request size limit must be at least 1024 bytes, got " + maxBodyBytes);
        }
        allowedHosts = List.copyOf(allowedHosts);
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException("the server token is " + token.length() + " characters long; use at least "
                    + MIN_TOKEN_LENGTH + " (e.g. openssl rand -hex 32)");
        }
        if (token == null && !isLoopback(host)) {
            throw new ConfigException("refusing to listen on " + host + " without a token: anyone who can reach it "
                    + "could read and delete indexes. Set server.token in the config or export CODE_INDEXER_TOKEN (e.g. "
                    + "openssl rand -hex 32), or bind to 127.0.0.1");
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ServerSettings[host=" + host + ", port=" + port + ", token=" + (token == null ? "<unset>" : "****")
                + ", maxBodyBytes=" + maxBodyBytes + ", allowedHosts=" + allowedHosts + "]";
    }

    /** True when every address {@code host} names is a loopback address. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new ConfigException("--host " + host + " does not resolve: " + e.getMessage());
        }
    }
}
