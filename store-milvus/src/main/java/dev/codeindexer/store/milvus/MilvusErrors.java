package dev.codeindexer.store.milvus;

import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.InvalidFilterException;
import dev.codeindexer.store.InvalidRequestException;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.VectorStoreException;
import io.milvus.exception.ParamException;
import io.milvus.shaded.io.grpc.Status;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.v2.exception.MilvusClientException;

import java.io.IOException;

/**
 * What a failure of the Milvus SDK means, decided by the gRPC status code and Milvus's error codes, never by the text
 * of the message (which differs between Milvus versions, Zilliz Cloud and Milvus Lite): whether it is worth retrying,
 * and which of the store's exceptions reports it.
 *
 * <p>The SDK (with its own retry off) throws {@link MilvusClientException}: {@code SERVER_ERROR} with the codes of the
 * server's reply, {@code RPC_ERROR} around the gRPC {@link StatusRuntimeException} (the SDK's gRPC is shaded into
 * {@code io.milvus.shaded.io.grpc}), {@code CLIENT_ERROR} around anything else, {@code INVALID_PARAMS} when its own
 * checks refuse a request before sending it.
 *
 * <p>A server's reply carries two codes: the current one ({@code status.code}, Milvus's {@code merr} codes) and the
 * legacy one ({@code status.error_code}, the {@code ErrorCode} enum of common.proto), still filled in for old clients.
 * When the two are equal the server sent only a legacy code: Milvus 2.2 sends nothing else (the SDK copies it into
 * the current code), and Milvus Lite often mirrors it. Milvus 2.3 and later derive the legacy code from the current
 * one, never to an equal value. Current code 1 is "service not ready" only with the legacy NotReadyServe that Milvus
 * always sends with it: Milvus Lite uses 1 for any unexpected error (with legacy 1, or none), which must not be
 * retried as if the server were starting.
 */
final class MilvusErrors {
    /** What a failure means for the caller. */
    enum Kind {
        /** The server is unreachable, slow, starting or rate-limiting: the same request may succeed later. */
        TRANSIENT,
        /**
         * The request or its reply is larger than a gRPC message may be. Milvus reports its own rate limits and
         * quotas in the reply (codes 8 and 9), so gRPC's RESOURCE_EXHAUSTED means the size limit; sending the same
         * request again cannot succeed.
         */
        TOO_LARGE,
        COLLECTION_NOT_FOUND,
        /** The data or a collection definition does not fit the collection's schema. */
        SCHEMA,
        /** The server cannot make a query plan of the filter expression. */
        INVALID_FILTER,
        /** A parameter of the request was refused, by the server or by the SDK's checks before sending. */
        INVALID_REQUEST,
        /** Anything else: a failure of the server or of the SDK, reported with its message. */
        OTHER
    }

    // Milvus's current error codes (pkg/util/merr), those the store acts on.
    private static final int SERVICE_NOT_READY = 1;
    private static final int SERVICE_UNAVAILABLE = 2;
    private static final int TOO_MANY_REQUESTS = 4;
    private static final int RATE_LIMIT = 8;
    private static final int RESOURCE_INSUFFICIENT = 12;
    private static final int COLLECTION_NOT_FOUND = 100;
    private static final int COLLECTION_NOT_FULLY_LOADED = 103;
    private static final int COLLECTION_ILLEGAL_SCHEMA = 105;
    private static final int COLLECTION_RECOVERING = 106;
    private static final int COLLECTION_SCHEMA_MISMATCH = 109;
    private static final int SCHEMA_VERSION_NOT_READY = 110;
    private static final int PARAMETER_INVALID = 1100;
    private static final int PARAMETER_MISSING = 1101;
    private static final int PARAMETER_TOO_LARGE = 1102;
    private static final int FIELD_NOT_FOUND = 1700;
    private static final int FIELD_INVALID_NAME = 1701;
    private static final int QUERY_PLAN_FAILED = 2201;

    // Legacy codes (common.proto ErrorCode, io.milvus.grpc.ErrorCode in the SDK, deprecated there).
    private static final int LEGACY_COLLECTION_NOT_EXISTS = 4;
    private static final int LEGACY_ILLEGAL_ARGUMENT = 5;
    private static final int LEGACY_ILLEGAL_DIMENSION = 7;
    private static final int LEGACY_RATE_LIMIT = 49;
    private static final int LEGACY_NOT_READY_SERVE = 56;
    private static final int LEGACY_NOT_READY_COORD_ACTIVATING = 57;
    private static final int LEGACY_SCHEMA_MISMATCH = 62;

    private MilvusErrors() {
    }

    /** The kind of {@code failure}, from the first exception in its cause chain that the SDK or gRPC threw. */
    static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Kind kind = switch (t) {
                case StatusRuntimeException s -> ofStatus(s.getStatus());
                case ParamException p -> Kind.INVALID_REQUEST;
                case MilvusClientException m -> ofClient(m);
                default -> null;
            };
            if (kind != null) {
                return kind;
            }
        }
        return Kind.OTHER;
    }

    static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    static boolean isTooLarge(Throwable failure) {
        return classify(failure) == Kind.TOO_LARGE;
    }

    /** Null when the exception only wraps the one that tells (a gRPC status, an exception of the SDK's checks). */
    private static Kind ofClient(MilvusClientException e) {
        return switch (e.getErrorCode()) {
            case SERVER_ERROR -> ofServer(e.getServerErrCode(), e.getLegacyServerCode());
            case COLLECTION_NOT_FOUND -> Kind.COLLECTION_NOT_FOUND;
            case INVALID_PARAMS -> Kind.INVALID_REQUEST;
            case TIMEOUT -> Kind.TRANSIENT;
            case RPC_ERROR, CLIENT_ERROR, SUCCESS -> null;
        };
    }

    private static Kind ofStatus(Status status) {
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> Kind.TRANSIENT;
            // gRPC's own report of a connection that closed under a call ("channel closed"): UNKNOWN because the
            // request may or may not have been sent, which the store's retries allow for. An UNKNOWN that the
            // server sent (an exception in its handler) has no local cause and is not retried.
            case UNKNOWN -> status.getCause() instanceof IOException ? Kind.TRANSIENT : Kind.OTHER;
            case RESOURCE_EXHAUSTED -> Kind.TOO_LARGE;
            default -> Kind.OTHER;
        };
    }

    /** The kind of a server reply with current code {@code code} and legacy code {@code legacy}. */
    static Kind ofServer(int code, int legacy) {
        if (code == legacy) {
            return ofLegacy(legacy);
        }
        return switch (code) {
            case SERVICE_NOT_READY -> legacy == LEGACY_NOT_READY_SERVE ? Kind.TRANSIENT : Kind.OTHER;
            case SERVICE_UNAVAILABLE, TOO_MANY_REQUESTS, RATE_LIMIT, RESOURCE_INSUFFICIENT,
                 COLLECTION_NOT_FULLY_LOADED, COLLECTION_RECOVERING, SCHEMA_VERSION_NOT_READY -> Kind.TRANSIENT;
            case COLLECTION_NOT_FOUND -> Kind.COLLECTION_NOT_FOUND;
            case COLLECTION_ILLEGAL_SCHEMA, COLLECTION_SCHEMA_MISMATCH, FIELD_NOT_FOUND, FIELD_INVALID_NAME -> Kind.SCHEMA;
            case PARAMETER_INVALID, PARAMETER_MISSING, PARAMETER_TOO_LARGE -> Kind.INVALID_REQUEST;
            case QUERY_PLAN_FAILED -> Kind.INVALID_FILTER;
            default -> ofLegacy(legacy);
        };
    }

    private static Kind ofLegacy(int legacy) {
        return switch (legacy) {
            case LEGACY_RATE_LIMIT, LEGACY_NOT_READY_SERVE, LEGACY_NOT_READY_COORD_ACTIVATING -> Kind.TRANSIENT;
            case LEGACY_COLLECTION_NOT_EXISTS -> Kind.COLLECTION_NOT_FOUND;
            case LEGACY_SCHEMA_MISMATCH, LEGACY_ILLEGAL_DIMENSION -> Kind.SCHEMA;
            case LEGACY_ILLEGAL_ARGUMENT -> Kind.INVALID_REQUEST;
            default -> Kind.OTHER;
        };
    }

    /**
     * The store's exception for a call that failed and is not retried (any more): {@link StoreConnectionException}
     * for a transient failure, the caller's-mistake types for the collection, schema, filter and parameters, and
     * {@link VectorStoreException} with the server's message for everything else.
     *
     * @param collection the collection the call was about, or null
     */
    static VectorStoreException translate(RuntimeException failure, MilvusOperation operation, String collection,
                                          MilvusConfig config) {
        String what = operation.describe(collection);
        String reason = reason(failure);
        VectorStoreException translated = switch (classify(failure)) {
            case TRANSIENT -> new StoreConnectionException("Milvus at " + config.address() + " did not answer " + what
                    + " after " + config.maxRetries() + " retries (" + reason + "); check that the server is up, or raise "
                    + "vector_store.milvus.timeout / max_retries", failure);
            case TOO_LARGE -> new VectorStoreException(what + " is larger than a gRPC message to or from Milvus may be ("
                    + reason + "); lower vector_store.milvus.batch_size, or ask for fewer results or output fields",
                    failure);
            case COLLECTION_NOT_FOUND -> collection == null
                    ? new VectorStoreException("Milvus failed " + what + ": " + reason, failure)
                    : new CollectionNotFoundException(collection);
            case SCHEMA -> new SchemaMismatchException("Milvus refused " + what + " as not fitting the collection's "
                    + "schema (" + reason + "); drop the collection and index again, or use another collection name");
            case INVALID_FILTER -> new InvalidFilterException("Milvus cannot use the filter of " + what + " (" + reason
                    + "); check the filter's fields and values");
            case INVALID_REQUEST -> operation.writesRows()
                    ? new SchemaMismatchException("Milvus refused rows for " + what + " as not fitting the collection ("
                    + reason + "); drop the collection and index again, or use another collection name")
                    : new InvalidRequestException("Milvus refused " + what + " as invalid (" + reason + "); check the "
                    + "collection name, the number of results asked for and the vector_store.milvus settings", failure);
            case OTHER -> new VectorStoreException("Milvus failed " + what + ": " + reason, failure);
        };
        if (translated.getCause() == null) {
            translated.initCause(failure);
        }
        return translated;
    }

    /**
     * The failure in one line for errors and logs: the gRPC status and its description, or the server's or SDK's
     * message. Never holds credentials: the SDK does not put them in messages.
     */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StatusRuntimeException s) {
                Status status = s.getStatus();
                return firstLine(status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
            }
        }
        return firstLine(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
