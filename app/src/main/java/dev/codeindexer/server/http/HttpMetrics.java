package dev.codeindexer.server.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code code_indexer_http_requests_seconds}: a latency histogram of every request by method, route pattern and
 * status. The route is the pattern ({@code /api/jobs/{id}}), never the raw path, so label values stay bounded.
 */
final class HttpMetrics {
    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, String route, int status, long nanos) {
        Timer.builder("code_indexer_http_requests").description("HTTP requests, by method, route and status")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry).record(Duration.ofNanos(nanos));
    }
}
