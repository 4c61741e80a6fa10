package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.VectorStoreException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.milvus.exception.MilvusException;
import io.milvus.pool.MilvusClientV2Pool;
import io.milvus.pool.PoolConfig;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.exception.MilvusClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The pooled clients of one store and the retry policy around every call.
 *
 * <p>Retries are ours (Failsafe), not the SDK's: the SDK's own retry is switched off so that there is one policy,
 * with backoff from config, a metric, and a hook that lets the store turn a retried insert into an upsert (an
 * insert that reached the server before the connection broke must not add its rows twice). Only failures that
 * cannot have been caused by the request itself are retried ({@link MilvusErrors.Kind#TRANSIENT}: UNAVAILABLE,
 * DEADLINE_EXCEEDED, a server not ready or rate-limiting), and every failure leaves as one of the store's exceptions.
 */
final class MilvusConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MilvusConnection.class);
    /** Exported as {@code code_indexer_store_retries_total}. */
    static final String RETRIES_METRIC = "code_indexer_store_retries";

    private final MilvusConfig config;
    private final String key;
    private final MilvusClientV2Pool pool;
    private final FailsafeExecutor<Object> retries;
    private final MeterRegistry registry;
    private final String version;
    private final Consumer<String> collectionGone;

    private MilvusConnection(MilvusConfig config, MilvusClientV2Pool pool, String version, MeterRegistry registry,
                             Consumer<String> collectionGone) {
        this.config = config;
        this.key = config.connectionAlias();
        this.pool = pool;
        this.version = version;
        this.registry = registry;
        this.collectionGone = collectionGone;
        long base = config.retryBackoffMs();
        RetryPolicy<Object> policy = RetryPolicy.builder()
                .handleIf(MilvusErrors::isTransient)
                .withBackoff(Duration.ofMillis(base), Duration.ofMillis(Math.max(base, 10_000)), 2.0)
                .withJitter(0.1)
                .withMaxRetries(config.maxRetries())
                .onRetry(e -> {
                    log.warn("Milvus at {} failed transiently ({}); retry {} of {}", config.address(),
                            MilvusErrors.reason(e.getLastException()), e.getAttemptCount(), config.maxRetries());
                })
                .build();
        this.retries = Failsafe.with(policy);
    }

    /**
     * Opens the pool and checks that a Milvus server answers at the configured address.
     *
     * @param registry       where {@code code_indexer_store_retries} is counted
     * @param collectionGone told the name of a collection that a call found missing, so that what is known about it
     *                       can be forgotten
     */
    static MilvusConnection open(MilvusConfig config, MeterRegistry registry, Consumer<String> collectionGone) {
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
                    + MilvusErrors.reason(e), e);
        }
        MilvusClientV2 client = null;
        try {
            client = pool.getClient(config.connectionAlias());
            if (client == null) {
                throw new IllegalStateException("the client pool gave no client");
            }
            String version = client.getServerVersion();
            log.info("connected to Milvus {} at {} (pool of {})", version, config.address(), config.connectionPoolSize());
            return new MilvusConnection(config, pool, version, registry, collectionGone);
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreConnectionException("cannot reach Milvus at " + config.address() + " (" + MilvusErrors.reason(e)
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
     *
     * @param collection the collection the call is about, or null; named in errors
     * @throws VectorStoreException for every failure of Milvus or the SDK, as {@link MilvusErrors} classifies it
     */
    <T> T call(MilvusOperation operation, String collection, AttemptCall<T> call) {
        AtomicInteger lastAttempt = new AtomicInteger();
        String outcome = "error";
        try {
            T result = retries.get(ctx -> {
                lastAttempt.set(ctx.getAttemptCount());
                return withClient(client -> call.run(client, ctx.getAttemptCount()));
            });
            outcome = "success";
            return result;
        } catch (FailsafeException e) {
            throw e.getCause() instanceof RuntimeException r ? failure(operation, collection, r) : e;
        } catch (RuntimeException e) {
            throw failure(operation, collection, e);
        } finally {
            countRetries(operation, outcome, lastAttempt.get());
        }
    }

    /**
     * Counts a call's retries when it ends, labelled with whether it then succeeded, so that retries that saved
     * calls and retries that did not are told apart.
     */
    private void countRetries(MilvusOperation operation, String outcome, int retries) {
        if (retries > 0) {
            Counter.builder(RETRIES_METRIC).description("Milvus calls retried after a transient failure")
                    .tags("backend", "milvus", "operation", operation.label(), "outcome", outcome)
                    .register(registry).increment(retries);
        }
    }

    /** Failures of the SDK as the store's exceptions; ours (and our own bugs) pass unchanged. */
    private RuntimeException failure(MilvusOperation operation, String collection, RuntimeException e) {
        if (e instanceof VectorStoreException || !fromMilvus(e)) {
            return e;
        }
        VectorStoreException translated = MilvusErrors.translate(e, operation, collection, config);
        if (translated instanceof CollectionNotFoundException) {
            collectionGone.accept(collection);
        }
        return translated;
    }

    private static boolean fromMilvus(RuntimeException e) {
        return e instanceof MilvusClientException || e instanceof MilvusException || e instanceof StatusRuntimeException;
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
