package dev.codeindexer.store.milvus;

import dev.codeindexer.store.StoreConnectionException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.milvus.pool.MilvusClientV2Pool;
import io.milvus.pool.PoolConfig;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.exception.MilvusClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * The pooled clients of one store and the retry policy around every call.
 *
 * <p>Retries are ours (Failsafe), not the SDK's: the SDK's own retry is switched off so that there is one policy,
 * with backoff from config, a metric, and a hook that lets the store turn a retried insert into an upsert (an
 * insert that reached the server before the connection broke must not add its rows twice). Only failures that
 * cannot have been caused by the request itself are retried: UNAVAILABLE, DEADLINE_EXCEEDED, rate limits.
 */
final class MilvusConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MilvusConnection.class);

    private final MilvusConfig config;
    private final String key;
    private final MilvusClientV2Pool pool;
    private final FailsafeExecutor<Object> retries;
    private final Counter retryCounter;
    private final String version;

    private MilvusConnection(MilvusConfig config, MilvusClientV2Pool pool, String version) {
        this.config = config;
        this.key = config.connectionAlias();
        this.pool = pool;
        this.version = version;
        this.retryCounter = Counter.builder("code_indexer_store_retries")
                .description("store calls retried after a transient failure").tag("backend", "milvus")
                .register(Metrics.globalRegistry);
        long base = config.retryBackoffMs();
        RetryPolicy<Object> policy = RetryPolicy.builder()
                .handleIf(MilvusConnection::isTransient)
                .withBackoff(Duration.ofMillis(base), Duration.ofMillis(Math.max(base, 10_000)), 2.0)
                .withJitter(0.1)
                .withMaxRetries(config.maxRetries())
                .onRetry(e -> {
                    retryCounter.increment();
                    log.warn("Milvus at {} failed transiently ({}); retry {} of {}", config.address(),
                            summary(e.getLastException()), e.getAttemptCount(), config.maxRetries());
                })
                .build();
        this.retries = Failsafe.with(policy);
    }

    /** Opens the pool and checks that a Milvus server answers at the configured address. */
    static MilvusConnection open(MilvusConfig config) {
        ConnectConfig.ConnectConfigBuilder connect = ConnectConfig.builder()
                .uri(config.address())
                .secure(config.secure())
                .connectTimeoutMs(Math.min(config.timeout(), 10) * 1000L)
                .rpcDeadlineMs(config.timeout() * 1000L);
        if (config.token() != null && !config.token().isBlank()) {
            connect.token(config.token());
        } else if (config.user() != null && !config.user().isBlank()) {
            connect.username(config.user()).password(config.password() == null ? "" : config.password());
        }
        if (config.dbName() != null && !config.dbName().isBlank()) {
            connect.dbName(config.dbName());
        }
        PoolConfig poolConfig = PoolConfig.builder()
                .maxIdlePerKey(config.connectionPoolSize())
                .maxTotalPerKey(config.connectionPoolSize())
                .maxBlockWaitDuration(Duration.ofSeconds(config.timeout()))
                .build();
        MilvusClientV2Pool pool;
        try {
            pool = new MilvusClientV2Pool(poolConfig, connect.build());
        } catch (ClassNotFoundException | NoSuchMethodException | RuntimeException e) {
            throw new StoreConnectionException("cannot set up a Milvus client pool for " + config.address() + ": "
                    + summary(e), e);
        }
        MilvusClientV2 client = null;
        try {
            client = pool.getClient(config.connectionAlias());
            if (client == null) {
                throw new IllegalStateException("the client pool gave no client");
            }
            String version = client.getServerVersion();
            log.info("connected to Milvus {} at {} (pool of {})", version, config.address(), config.connectionPoolSize());
            return new MilvusConnection(config, pool, version);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreConnectionException("cannot reach Milvus at " + config.address() + " (" + summary(e)
                    + "); start the server or fix vector_store.milvus.uri (or host/port), and check token or "
                    + "user/password and secure", e);
        } finally {
            if (client != null) {
                try {
                    pool.returnClient(config.connectionAlias(), client);
                } catch (RuntimeException ignored) {
                    // The pool is closed after a failed connect; nothing to return it to.
                }
            }
        }
    }

    String serverVersion() {
        return version;
    }

    /**
     * Runs {@code call} with a pooled client, retrying transient failures. {@code call} receives the attempt
     * number (0 for the first) so that a write can choose an idempotent form on a retry.
     */
    <T> T call(String what, AttemptCall<T> call) {
        try {
            return retries.get(ctx -> withClient(client -> call.run(client, ctx.getAttemptCount())));
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (MilvusClientException e) {
            if (isTransient(e)) {
                throw new StoreConnectionException("Milvus at " + config.address() + " did not answer " + what
                        + " after " + config.maxRetries() + " retries (" + summary(e) + "); check that the server is up, "
                        + "or raise vector_store.milvus.timeout / max_retries", e);
            }
            throw e;
        }
    }

    /** Runs a call without the retry policy (probes that should fail fast). */
    <T> T once(Function<MilvusClientV2, T> call) {
        return withClient(call);
    }

    private <T> T withClient(Function<MilvusClientV2, T> call) {
        MilvusClientV2 client = pool.getClient(key);
        if (client == null) {
            throw new StoreConnectionException("no Milvus client available from the pool for " + config.address()
                    + " within " + config.timeout() + " s; raise vector_store.milvus.connection_pool_size");
        }
        // One retry owner: ours. The SDK would otherwise re-send inserts on its own.
        client.retryConfig(RetryConfig.builder().maxRetryTimes(1).build());
        try {
            return call.apply(client);
        } finally {
            pool.returnClient(key, client);
        }
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toUpperCase(Locale.ROOT);
            if (m.contains("UNAVAILABLE") || m.contains("DEADLINE_EXCEEDED") || m.contains("RESOURCE_EXHAUSTED")
                    || m.contains("RATE LIMIT") || m.contains("RATELIMIT")) {
                return true;
            }
        }
        return false;
    }

    /** First line of an exception's message, for one-line errors and logs (never holds credentials). */
    static String summary(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A call that may look at which attempt it is. */
    @FunctionalInterface
    interface AttemptCall<T> {
        T run(MilvusClientV2 client, int attempt);
    }
}
