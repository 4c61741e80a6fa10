package dev.codeindexer.store.milvus;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.codeindexer.error.CallerError;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.RowTooLargeException;
import dev.codeindexer.store.StoredRow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A batch larger than a gRPC message may be, against a real Milvus Lite server whose message limit is lowered to
 * 256 KiB (from 256 MiB) so that a few megabytes exceed it: the server refuses the message with RESOURCE_EXHAUSTED,
 * the store splits the batch until the pieces fit (never retrying it as if the server were down), and a row too large
 * on its own is refused by name.
 */
class MilvusMessageLimitTest {
    private static final int LIMIT = 256 * 1024;
    private static final int DIM = 8;

    @TempDir
    static Path dir;
    private static MilvusTestServer.Local server;

    private SimpleMeterRegistry registry;
    private MilvusVectorStore store;
    private String name;

    @BeforeAll
    static void startServer() throws IOException {
        MilvusTestServer.uri(); // skips (or fails under CI) when Milvus Lite is not installed
        try {
            server = MilvusTestServer.Local.startWithMessageLimit(MilvusTestServer.python(), dir.resolve("data"),
                    MilvusTestServer.freePort(), LIMIT);
        } catch (IOException e) {
            MilvusTestServer.unavailable("cannot start Milvus Lite with a lower message limit (" + e.getMessage()
                    + "; see " + dir.resolve("data.log") + "); set CODE_INDEXER_MILVUS_PYTHON to its Python");
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.kill();
        }
    }

    @BeforeEach
    void connect() {
        registry = new SimpleMeterRegistry();
        // One batch_size batch of everything, so that only the message limit splits it.
        store = new MilvusVectorStore(MilvusTestServer.config(server.uri(), "batch_size: 10000\nmax_retries: 2"), registry);
        store.connect();
        name = "limit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void drop() {
        store.dropCollection(name);
        store.close();
    }

    /** About 16 KB of code-like text (and as much again in the hidden BM25 column), distinct per row. */
    private static String code(int row, Random random) {
        StringBuilder s = new StringBuilder();
        while (s.length() < 16_000) {
            s.append("parseHeader").append(row).append("Value").append(random.nextInt(1000)).append("(input); ");
        }
        return s.toString();
    }

    private static List<float[]> vectors(int n, Random random) {
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = random.nextFloat() - 0.5f;
            }
            vectors.add(v);
        }
        return vectors;
    }

    @Test
    void aBatchLargerThanAMessageIsSplitUntilItFitsAndLandsOnceEach() {
        store.createCollection(new CollectionSpec(name, DIM, Map.of("path", FieldType.STRING, "content", FieldType.TEXT),
                DistanceMetric.COSINE));
        Random random = new Random(7);
        int n = 60; // about 2 MB encoded: eight times the limit, so pieces are split three or four times
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> metadata = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("row" + i);
            metadata.add(Map.of("path", "src/File" + i + ".java", "content", code(i, random)));
        }
        List<float[]> vectors = vectors(n, random);

        Logger writerLog = (Logger) LoggerFactory.getLogger(MilvusWriter.class);
        ListAppender<ILoggingEvent> splits = new ListAppender<>();
        splits.start();
        writerLog.addAppender(splits);
        writerLog.setLevel(Level.DEBUG);
        try {
            assertThat(store.insert(name, vectors, metadata, ids)).isEqualTo(ids);
        } finally {
            writerLog.detachAppender(splits);
            writerLog.setLevel(null);
        }
        // The server refused the whole batch, and then halves of it, before pieces fitted.
        assertThat(splits.list).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(event -> event.getFormattedMessage().contains("sending it in halves"));
        assertThat(store.count(name, null)).isEqualTo(n);
        // Read back one by one: the server's replies are held to the same limit.
        for (int i = 0; i < n; i++) {
            List<StoredRow> row = store.get(name, List.of(ids.get(i)));
            assertThat(row).hasSize(1);
            assertThat(row.getFirst().metadata().get("content")).isEqualTo(metadata.get(i).get("content"));
        }
        // Replacing them all goes through the same splitting and leaves one row per id.
        assertThat(store.upsert(name, vectors, metadata, ids)).isEqualTo(ids);
        assertThat(store.count(name, null)).isEqualTo(n);
        // RESOURCE_EXHAUSTED was never retried as if the server were down.
        assertThat(registry.find(MilvusConnection.RETRIES_METRIC).counters()).isEmpty();
    }

    @Test
    void aRowTooLargeOnItsOwnIsRefusedByNameAndTheOthersAreWritten() {
        Map<String, FieldType> schema = new LinkedHashMap<>();
        schema.put("path", FieldType.STRING);
        for (int f = 0; f < 4; f++) {
            schema.put("text" + f, FieldType.TEXT);
        }
        store.createCollection(new CollectionSpec(name, DIM, schema, DistanceMetric.COSINE));
        Random random = new Random(8);
        String huge = "x".repeat(FieldType.MAX_TEXT_BYTES); // 4 fields of it, and each again in its BM25 column
        List<Map<String, Object>> metadata = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", "src/File" + i + ".java");
            for (int f = 0; f < 4; f++) {
                m.put("text" + f, i == 1 ? huge : "small text " + i);
            }
            metadata.add(m);
        }

        RowTooLargeException e = catchThrowableOfType(RowTooLargeException.class,
                () -> store.insert(name, vectors(3, random), metadata, List.of("small0", "huge", "small2")));

        assertThat(e).isInstanceOf(CallerError.class);
        assertThat(e.id()).isEqualTo("huge");
        assertThat(e.collection()).isEqualTo(name);
        assertThat(e.bytes()).isGreaterThan(LIMIT);
        assertThat(e.getMessage()).contains("row 'huge'", Long.toString(e.bytes()), Integer.toString(LIMIT),
                "RESOURCE_EXHAUSTED");
        assertThat(store.get(name, List.of("small0", "huge", "small2"))).extracting(StoredRow::id)
                .containsExactly("small0", "small2");
        assertThat(registry.find(MilvusConnection.RETRIES_METRIC).counters()).isEmpty();
    }
}
