import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load test of {@code POST /api/search}: CLIENTS threads each send searches one after another for SECONDS,
 * cycling through a fixed set of queries, then it prints requests/s, latency percentiles and errors (any answer but
 * 200). Run with the JDK's source launcher: {@code java LoadClient.java BASE_URL CODEBASE CLIENTS SECONDS [TOKEN]}.
 */
public final class LoadClient {
    private static final List<String> QUERIES = List.of(
            "parse the yaml configuration file", "where are environment variables substituted",
            "validate a filter against the collection schema", "escape a string literal in a filter expression",
            "create a collection with a dimension and metric", "search with top k and a filter",
            "delete rows matching a filter", "hybrid search reciprocal rank fusion", "count rows in a collection",
            "mask secrets in toString", "range filter greater than or equal", "unknown key error names the file",
            "connect to the vector store", "record latency metrics per backend", "upsert vectors with ids",
            "check that a value is within a range");

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java LoadClient.java BASE_URL CODEBASE CLIENTS SECONDS [TOKEN]");
            System.exit(2);
        }
        URI search = URI.create(args[0]).resolve("/api/search");
        String codebase = args[1];
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        String token = args.length > 4 ? args[4] : null;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                for (int i = client; System.nanoTime() < end; i++) {
                    String body = "{\"path\": \"" + codebase.replace("\\", "\\\\").replace("\"", "\\\"")
                            + "\", \"query\": \"" + QUERIES.get(i % QUERIES.size())
                            + "\", \"top_k\": 10}";
                    HttpRequest.Builder request = HttpRequest.newBuilder(search).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            errors.incrementAndGet();
                            System.err.println("HTTP " + r.statusCode() + ": " + r.body());
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        System.err.println("request failed: " + e);
                    }
                    latencies.add(System.nanoTime() - t0);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "clients=%d duration=%.1fs requests=%d errors=%d%n", clients, elapsed,
                sorted.size(), errors.get());
        System.out.printf(Locale.ROOT, "throughput=%.1f requests/s%n", sorted.size() / elapsed);
        System.out.printf(Locale.ROOT, "latency p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n", pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.getLast() / 1e6);
        System.exit(errors.get() == 0 ? 0 : 1);
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
    }
}
