package dev.codeindexer.store.milvus;

import dev.codeindexer.error.CallerError;
import dev.codeindexer.store.CollectionNotFoundException;
import dev.codeindexer.store.InvalidFilterException;
import dev.codeindexer.store.InvalidRequestException;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.StoreConnectionException;
import dev.codeindexer.store.VectorStoreException;
import dev.codeindexer.store.milvus.MilvusErrors.Kind;
import io.milvus.exception.ParamException;
import io.milvus.shaded.io.grpc.Status;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Failures are classified by gRPC status and Milvus error codes. The exceptions are built as the SDK builds them
 * (RpcUtils: RPC_ERROR around the gRPC exception, SERVER_ERROR with the reply's two codes), and the last tests take
 * them from a real server.
 */
class MilvusErrorsTest {
    /** Config only names the server and the retries in messages; no server is needed until the last tests. */
    private static final MilvusConfig CONFIG = MilvusTestServer.config("http://127.0.0.1:19999", "max_retries: 3");

    private static MilvusClientException rpc(Status status) {
        return new MilvusClientException(ErrorCode.RPC_ERROR, new StatusRuntimeException(status));
    }

    private static MilvusClientException server(int code, int legacy, String message) {
        return new MilvusClientException(ErrorCode.SERVER_ERROR, message, code, legacy);
    }

    @Test
    void unavailableAndDeadlineExceededAreTransientWrappedOrNot() {
        assertThat(MilvusErrors.classify(rpc(Status.UNAVAILABLE.withDescription("io exception")))).isEqualTo(Kind.TRANSIENT);
        assertThat(MilvusErrors.classify(rpc(Status.DEADLINE_EXCEEDED))).isEqualTo(Kind.TRANSIENT);
        // The pool's connect and the SDK's iterators can throw the gRPC exception unwrapped.
        assertThat(MilvusErrors.classify(new StatusRuntimeException(Status.UNAVAILABLE))).isEqualTo(Kind.TRANSIENT);
        assertThat(MilvusErrors.classify(new MilvusClientException(ErrorCode.TIMEOUT, "Retry timeout"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aConnectionClosedUnderACallIsTransientButAnUnknownErrorOfTheServerIsNot() {
        // What gRPC reports when the server's process dies while a call is being sent.
        assertThat(MilvusErrors.classify(rpc(Status.UNKNOWN.withDescription("channel closed")
                .withCause(new ClosedChannelException())))).isEqualTo(Kind.TRANSIENT);
        // What a server reports for an exception in its handler: no local cause.
        assertThat(MilvusErrors.classify(rpc(Status.UNKNOWN.withDescription("Exception calling application"))))
                .isEqualTo(Kind.OTHER);
    }

    @Test
    void resourceExhaustedIsAMessageTooLargeAndNeverTransient() {
        MilvusClientException tooLarge = rpc(Status.RESOURCE_EXHAUSTED
                .withDescription("Received message larger than max (2401080 vs. 1048576)"));
        assertThat(MilvusErrors.classify(tooLarge)).isEqualTo(Kind.TOO_LARGE);
        assertThat(MilvusErrors.isTransient(tooLarge)).isFalse();
    }

    @Test
    void otherGrpcStatusesAreNotRetried() {
        for (Status status : new Status[] {Status.INVALID_ARGUMENT, Status.UNAUTHENTICATED, Status.PERMISSION_DENIED,
                Status.INTERNAL, Status.UNIMPLEMENTED, Status.CANCELLED}) {
            assertThat(MilvusErrors.classify(rpc(status))).as(status.getCode().name()).isEqualTo(Kind.OTHER);
        }
    }

    @ParameterizedTest(name = "code {0}, legacy {1}: {2}")
    @CsvSource({
            // Milvus 2.3+: the current code, with the legacy code Milvus derives from it
            "1, 56, TRANSIENT",        // service not ready / NotReadyServe
            "2, 1, TRANSIENT",         // service unavailable
            "4, 1, TRANSIENT",         // too many concurrent requests
            "8, 49, TRANSIENT",        // rate limit / RateLimit
            "103, 1, TRANSIENT",       // collection not fully loaded
            "106, 1, TRANSIENT",       // collection recovering
            "100, 4, COLLECTION_NOT_FOUND",
            "105, 1, SCHEMA",          // illegal collection schema
            "109, 62, SCHEMA",         // collection schema mismatch
            "1700, 1, SCHEMA",         // field not found
            "1100, 5, INVALID_REQUEST",
            "1101, 1, INVALID_REQUEST",
            "1102, 1, INVALID_REQUEST",
            "2201, 1, INVALID_FILTER", // query plan failed
            "3, 52, OTHER",            // memory limit: waiting does not free memory
            "9, 48, OTHER",            // quota exceeded / ForceDeny
            "101, 1, OTHER",           // collection not loaded: the store loads and asks again itself
            "65535, 1, OTHER",         // unexpected
            // only a legacy code (Milvus 2.2; the SDK copies it into the current code)
            "49, 49, TRANSIENT",       // RateLimit
            "56, 56, TRANSIENT",       // NotReadyServe
            "4, 4, COLLECTION_NOT_FOUND",
            "5, 5, INVALID_REQUEST",
            "62, 62, SCHEMA",
            // Milvus Lite: 1 is any unexpected error (legacy UnexpectedError, or none), not "service not ready"
            "1, 1, OTHER",
            "1, 0, OTHER",
            "6, 6, OTHER",
            // a current code the store does not know, with a legacy code it does
            "7777, 49, TRANSIENT"})
    void serverCodesDecideTheKind(int code, int legacy, Kind kind) {
        assertThat(MilvusErrors.classify(server(code, legacy, "reason"))).isEqualTo(kind);
    }

    @Test
    void theMessageTextNeverDecides() {
        String misleading = "UNAVAILABLE: rate limit, collection not found, RESOURCE_EXHAUSTED, already exists";
        assertThat(MilvusErrors.classify(server(65535, 1, misleading))).isEqualTo(Kind.OTHER);
        assertThat(MilvusErrors.classify(new MilvusClientException(ErrorCode.CLIENT_ERROR, misleading))).isEqualTo(Kind.OTHER);
        assertThat(MilvusErrors.classify(new IllegalStateException(misleading))).isEqualTo(Kind.OTHER);
        assertThat(MilvusErrors.classify(server(8, 49, "fine"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void theSdksOwnChecksAreInvalidRequests() {
        assertThat(MilvusErrors.classify(new MilvusClientException(ErrorCode.INVALID_PARAMS,
                "The field: vector is not provided."))).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(MilvusErrors.classify(new MilvusClientException(ErrorCode.CLIENT_ERROR,
                new ParamException("Type mismatch for field 'text'")))).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(MilvusErrors.classify(new MilvusClientException(ErrorCode.COLLECTION_NOT_FOUND, "gone")))
                .isEqualTo(Kind.COLLECTION_NOT_FOUND);
    }

    @Test
    void transientFailuresBecomeStoreConnectionExceptionsNamingTheServerAndTheCall() {
        VectorStoreException e = translate(rpc(Status.UNAVAILABLE.withDescription("io exception")),
                MilvusOperation.INSERT, "code");
        assertThat(e).isInstanceOf(StoreConnectionException.class)
                .hasMessageContaining(CONFIG.address()).hasMessageContaining("insert on collection 'code'")
                .hasMessageContaining("after " + CONFIG.maxRetries() + " retries")
                .hasMessageContaining("UNAVAILABLE: io exception").hasCauseInstanceOf(MilvusClientException.class);
    }

    @Test
    void callerMistakesBecomeTheStoresTypedExceptions() {
        assertThat(translate(server(100, 4, "collection 'code' does not exist"), MilvusOperation.SEARCH, "code"))
                .isInstanceOf(CollectionNotFoundException.class)
                .satisfies(e -> assertThat(((CollectionNotFoundException) e).collection()).isEqualTo("code"));
        assertThat(translate(server(109, 62, "schema mismatch"), MilvusOperation.CREATE_COLLECTION, "code"))
                .isInstanceOf(SchemaMismatchException.class).isInstanceOf(CallerError.class)
                .hasMessageContaining("schema mismatch");
        assertThat(translate(server(2201, 1, "cannot parse expression: x =="), MilvusOperation.COUNT, "code"))
                .isInstanceOf(InvalidFilterException.class).hasMessageContaining("cannot parse expression: x ==");
        assertThat(translate(server(1100, 5, "topk [20000] is invalid"), MilvusOperation.SEARCH, "code"))
                .isInstanceOf(InvalidRequestException.class).isInstanceOf(CallerError.class)
                .hasMessageContaining("search on collection 'code'").hasMessageContaining("topk [20000] is invalid");
        // Rows the server (or the SDK, checking them against the collection) refuses do not fit the schema.
        assertThat(translate(new MilvusClientException(ErrorCode.INVALID_PARAMS, "The field: vector is not provided."),
                MilvusOperation.UPSERT, "code"))
                .isInstanceOf(SchemaMismatchException.class).hasMessageContaining("The field: vector is not provided.");
        assertThat(translate(server(1100, 5, "x"), MilvusOperation.SEARCH, "code").getCause())
                .isInstanceOf(MilvusClientException.class);
    }

    @Test
    void everythingElseIsAVectorStoreExceptionWithTheServersMessage() {
        VectorStoreException e = translate(server(65535, 1, "segcore error: out of range"), MilvusOperation.GET, "code");
        assertThat(e.getClass()).isEqualTo(VectorStoreException.class);
        assertThat(e).isNotInstanceOf(CallerError.class).hasMessageContaining("get on collection 'code'")
                .hasMessageContaining("segcore error: out of range");
        // Without a collection to name, not finding one is a plain failure too.
        assertThat(translate(server(100, 4, "gone"), MilvusOperation.LIST_COLLECTIONS, null).getClass())
                .isEqualTo(VectorStoreException.class);
        assertThat(translate(rpc(Status.RESOURCE_EXHAUSTED.withDescription("larger than max")), MilvusOperation.GET,
                "code")).isNotInstanceOf(StoreConnectionException.class).hasMessageContaining("RESOURCE_EXHAUSTED: larger than max");
    }

    private static VectorStoreException translate(RuntimeException e, MilvusOperation operation, String collection) {
        return MilvusErrors.translate(e, operation, collection, CONFIG);
    }

    // ---------------------------------------------------------------- against a real server

    @Test
    void aRealServerReportsAMissingCollectionByCode() {
        MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(MilvusTestServer.uri()).build());
        try {
            client.retryConfig(RetryConfig.builder().maxRetryTimes(1).build());
            Throwable e = catchThrowable(() -> client.describeCollection(
                    DescribeCollectionReq.builder().collectionName("m_missing_" + System.nanoTime()).build()));
            assertThat(MilvusErrors.classify(e)).isEqualTo(Kind.COLLECTION_NOT_FOUND);
        } finally {
            client.close();
        }
    }

    @Test
    void aServerThatWentAwayIsTransient(@TempDir Path dir) throws Exception {
        MilvusTestServer.uri(); // skips (or fails under CI) when Milvus Lite is not installed
        Path binary = MilvusTestServer.binary();
        if (binary == null) {
            MilvusTestServer.unavailable("this test needs the milvus-lite command (CODE_INDEXER_MILVUS_LITE or PATH)");
        }
        MilvusTestServer.Local server = MilvusTestServer.Local.start(binary, dir.resolve("data"), MilvusTestServer.freePort());
        MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).rpcDeadlineMs(2_000).build());
        try {
            client.retryConfig(RetryConfig.builder().maxRetryTimes(1).build());
            assertThat(client.hasCollection(HasCollectionReq.builder().collectionName("m_any").build())).isFalse();
            server.kill();
            Throwable e = catchThrowable(() -> client.hasCollection(HasCollectionReq.builder().collectionName("m_any").build()));
            assertThat(e).as("a call to the killed server").isNotNull();
            // DEADLINE_EXCEEDED while waiting to reconnect, or UNKNOWN "channel closed" if the connection broke as
            // the call was sent.
            assertThat(MilvusErrors.classify(e)).as(MilvusErrors.reason(e)).isEqualTo(Kind.TRANSIENT);
        } finally {
            client.close();
            server.kill();
        }
    }
}
