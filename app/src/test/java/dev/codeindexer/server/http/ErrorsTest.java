package dev.codeindexer.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.config.ConfigException;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.store.DuplicateIdException;
import dev.codeindexer.store.InvalidFilterException;
import dev.codeindexer.store.SchemaMismatchException;
import dev.codeindexer.store.StoreConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose fault a failure is decides its status: the caller's is a 4xx that says what to fix, ours a 500. */
class ErrorsTest {
    private static int status(RuntimeException e) {
        ApiException api = Errors.classify(e);
        return api == null ? Errors.internal().status() : api.status();
    }

    @Test
    void theCallersMistakesAre4xx() {
        assertThat(status(new InvalidInputException("--lang 'cobol' is not a known language"))).isEqualTo(400);
        assertThat(status(new InvalidFilterException("unknown field 'colour'"))).isEqualTo(400);
        assertThat(status(new DuplicateIdException("code", List.of("a#1")))).isEqualTo(400);
        assertThat(status(new ConfigException("vector_store.metric must be one of ..."))).isEqualTo(400);
        assertThat(status(new EmbeddingConfigException("embedding.model_path /x has no model.onnx"))).isEqualTo(400);
        assertThat(Errors.classify(new SchemaMismatchException("collection 'code' has dimension 768, not 384")))
                .satisfies(a -> {
                    assertThat(a.status()).isEqualTo(409);
                    assertThat(a.code()).isEqualTo("schema_mismatch");
                    assertThat(a.getMessage()).contains("dimension 768");
                });
    }

    @Test
    void ourOwnFailuresAre500sAndAnUnavailableStoreIs503() {
        // An IllegalArgumentException is a bug of ours (a bad call between our classes), not a bad request.
        assertThat(status(new IllegalArgumentException("index out of range"))).isEqualTo(500);
        assertThat(status(new NumberFormatException("For input string: \"x\""))).isEqualTo(500);
        assertThat(status(new NullPointerException())).isEqualTo(500);
        assertThat(status(new StoreConnectionException("Milvus at localhost:19530 did not answer"))).isEqualTo(503);
    }
}
