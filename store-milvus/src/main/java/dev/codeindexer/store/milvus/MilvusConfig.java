package dev.codeindexer.store.milvus;

import dev.codeindexer.config.Check;
import dev.codeindexer.config.ConfigException;
import dev.codeindexer.store.CollectionSpec;
import java.util.List;
import java.util.Map;

/**
 * The {@code vector_store.milvus} block. Either {@code uri} (with {@code token}) or {@code host}/{@code port} (with
 * {@code user}/{@code password}) locates the server; pointing {@code uri} at Milvus Distributed or Zilliz Cloud needs
 * no other change.
 *
 * @param indexType      HNSW, IVF_FLAT, FLAT or AUTOINDEX
 * @param indexParams    build parameters of the vector index (HNSW: M, efConstruction; IVF_FLAT: nlist)
 * @param searchEf       HNSW search breadth; raised to top-k when smaller
 * @param searchNprobe   IVF_FLAT clusters probed per search
 * @param timeout        seconds allowed for one call
 * @param consistencyLevel read consistency: STRONG, SESSION, BOUNDED or EVENTUALLY
 * @param partitionKey   optional metadata field used as the partition key (e.g. language)
 * @param maxRetries     retries of a transient failure, with exponential backoff from {@code retryBackoffMs}
 * @param sharedCollection optional Milvus collection that holds every codebase's rows, each scoped by its own
 *                       partition key, instead of one Milvus collection per codebase
 */
public record MilvusConfig(String host, Integer port, String uri, String token, String user, String password,
                           Boolean secure, String dbName, String connectionAlias, String indexType,
                           Map<String, Object> indexParams, Integer searchEf, Integer searchNprobe,
                           Integer connectionPoolSize, Integer batchSize, Integer timeout, String logLevel,
                           String consistencyLevel, String partitionKey, Integer maxRetries, Integer retryBackoffMs,
                           String sharedCollection) {

    public static final List<String> INDEX_TYPES = List.of("HNSW", "IVF_FLAT", "FLAT", "AUTOINDEX");
    public static final List<String> CONSISTENCY_LEVELS = List.of("STRONG", "SESSION", "BOUNDED", "EVENTUALLY");
    public static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public MilvusConfig {
        host = Check.or(host, "localhost");
        port = Check.range("vector_store.milvus.port", Check.or(port, 19530), 1, 65_535);
        secure = Check.or(secure, false);
        connectionAlias = Check.or(connectionAlias, "default");
        indexType = Check.oneOf("vector_store.milvus.index_type", Check.or(indexType, "HNSW"), INDEX_TYPES);
        indexParams = indexParams == null ? defaultIndexParams(indexType) : Map.copyOf(indexParams);
        searchEf = Check.range("vector_store.milvus.search_ef", Check.or(searchEf, 64), 1, 32_768);
        searchNprobe = Check.range("vector_store.milvus.search_nprobe", Check.or(searchNprobe, 16), 1, 65_536);
        connectionPoolSize = Check.range("vector_store.milvus.connection_pool_size", Check.or(connectionPoolSize, 4), 1, 256);
        batchSize = Check.range("vector_store.milvus.batch_size", Check.or(batchSize, 1000), 1, 100_000);
        timeout = Check.range("vector_store.milvus.timeout", Check.or(timeout, 30), 1, 3600);
        logLevel = Check.oneOf("vector_store.milvus.log_level", Check.or(logLevel, "INFO"), LOG_LEVELS);
        consistencyLevel = Check.oneOf("vector_store.milvus.consistency_level",
                Check.or(consistencyLevel, "SESSION"), CONSISTENCY_LEVELS);
        maxRetries = Check.range("vector_store.milvus.max_retries", Check.or(maxRetries, 5), 0, 100);
        retryBackoffMs = Check.range("vector_store.milvus.retry_backoff_ms", Check.or(retryBackoffMs, 200), 1, 60_000);
        if (sharedCollection != null && sharedCollection.isBlank()) {
            sharedCollection = null;
        }
        if (sharedCollection != null) {
            try {
                CollectionSpec.checkName("vector_store.milvus.shared_collection", sharedCollection);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
            if (sharedCollection.length() > 100) {
                throw new ConfigException("vector_store.milvus.shared_collection '" + sharedCollection + "' is too long: "
                        + "at most 100 characters, so that a collection per model fits beside it");
            }
            if (partitionKey != null && !partitionKey.isBlank()) {
                throw new ConfigException("vector_store.milvus.partition_key and shared_collection cannot both be set: "
                        + "a shared collection's partition key is the codebase; remove partition_key");
            }
        }
    }

    /** Whether codebases share one Milvus collection ({@code shared_collection}). */
    public boolean isShared() {
        return sharedCollection != null;
    }

    public static MilvusConfig defaults() {
        return new MilvusConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** The address to connect to, without credentials: {@code uri} when set, else built from host and port. */
    public String address() {
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        return (secure ? "https://" : "http://") + host + ":" + port;
    }

    private static Map<String, Object> defaultIndexParams(String indexType) {
        return switch (indexType) {
            case "HNSW" -> Map.of("M", 16, "efConstruction", 200);
            case "IVF_FLAT" -> Map.of("nlist", 128);
            default -> Map.of();
        };
    }

    /** Never prints the password or the token. */
    @Override
    public String toString() {
        return "MilvusConfig[address=" + address() + ", user=" + user + ", password=" + Check.mask(password)
                + ", token=" + Check.mask(token) + ", secure=" + secure + ", dbName=" + dbName
                + ", connectionAlias=" + connectionAlias + ", indexType=" + indexType + ", indexParams=" + indexParams
                + ", searchEf=" + searchEf + ", searchNprobe=" + searchNprobe + ", connectionPoolSize="
                + connectionPoolSize + ", batchSize=" + batchSize + ", timeout=" + timeout + ", logLevel=" + logLevel
                + ", consistencyLevel=" + consistencyLevel + ", partitionKey=" + partitionKey + ", maxRetries="
                + maxRetries + ", retryBackoffMs=" + retryBackoffMs + ", sharedCollection=" + sharedCollection + "]";
    }
}
