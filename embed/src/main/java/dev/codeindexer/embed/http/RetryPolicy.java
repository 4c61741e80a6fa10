package dev.codeindexer.embed.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try an HTTP request again: after a 429, a 5xx, a timeout or a failed connection, up to {@code maxRetries}
 * more times, waiting {@code initialBackoff * 2^attempt} (capped at {@code maxBackoff}, with jitter so that many
 * clients do not retry in step) or what the server's {@code Retry-After} asks, if that is longer. A server that asks
 * for more than {@code maxRetryAfter} is not waited for.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxRetries < 0 || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0 and maxBackoff >= initialBackoff");
        }
    }

    /** 0.5 s doubling up to 30 s; a Retry-After of up to 2 minutes is honoured. */
    public static RetryPolicy defaults(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    /** The pause before retry number {@code attempt} (0-based) when the server gave no Retry-After. */
    Duration backoff(int attempt) {
        long cap = maxBackoff.toMillis();
        long full = Math.min(cap, initialBackoff.toMillis() << Math.min(attempt, 20));
        // Half fixed, half random: grows reliably, yet spreads concurrent clients apart.
        long half = full / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }
}
