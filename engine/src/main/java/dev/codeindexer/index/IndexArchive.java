package dev.codeindexer.index;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.store.CollectionSpec;
import dev.codeindexer.store.DistanceMetric;
import dev.codeindexer.store.FieldType;
import dev.codeindexer.store.StoredRow;
import dev.codeindexer.store.VectorStore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * An index as one portable file, to move it between stores (the embedded store to Milvus, one server to another)
 * without embedding anything again: a zip of the collection's description with its fingerprint
 * ({@code index.json}), every row with its vector ({@code rows.jsonl}), the manifest and the symbol table.
 *
 * <p>An import is refused unless the fingerprint matches what the importing config would build (model, dimension,
 * metric, chunker, schema), since mixing vectors of two models answers nonsense. Rows are written with their ids by
 * upsert, and the manifest, the symbol table and {@code codebase.json} only after the last row; a marker file says
 * an import is under way, so an import cut short at any point is run again and completes without duplicates.
 */
public final class IndexArchive {
    /** Version of this file layout. */
    static final int FORMAT = 1;
    private static final String HEADER = "index.json";
    private static final String ROWS = "rows.jsonl";
    private static final String MANIFEST = "manifest.jsonl";
    private static final String SYMBOLS = "symbols.jsonl";
    static final String PARTIAL = "import-in-progress";
    private static final int READ_BATCH = 256;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private IndexArchive() {
    }

    /**
     * What an archive holds besides its rows.
     *
     * @param codebase   the root it was exported from
     * @param store      the type of store it was exported from
     * @param properties the collection's properties: its fingerprint
     */
    public record Header(int format, String codebase, String store, int dimension, String metric,
                         Map<String, String> schema, Map<String, String> properties, long rows,
                         @JsonProperty("exported_at") long exportedAt) {
        CollectionSpec spec(String collection) {
            Map<String, FieldType> fields = new LinkedHashMap<>();
            schema.forEach((name, type) -> fields.put(name, FieldType.valueOf(type)));
            return new CollectionSpec(collection, dimension, fields, DistanceMetric.valueOf(metric), properties);
        }
    }

    /**
     * One row as the archive keeps it: the vector as little-endian float32 in Base64, or null for a row a lexical
     * pass stored whose chunk is not embedded yet (the next index run embeds it).
     */
    private record Row(String id, String vector, Map<String, Object> metadata) {
    }

    /**
     * Writes {@code codebase}'s index to {@code out} (replaced when complete, never left half written): every row
     * the manifest lists, read from the store in batches.
     *
     * @return what was written
     */
    public static Header export(Codebase codebase, Path out) {
        codebase.requireIndex();
        VectorStore store = codebase.store();
        CollectionSpec spec = store.describeCollection(codebase.collection());
        Manifest manifest = codebase.manifest();
        Path tmp = out.resolveSibling(out.getFileName() + ".partial");
        long rows = 0;
        try {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
                zip.putNextEntry(new ZipEntry(ROWS));
                // Flushed, never closed: closing it would close the zip.
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
                List<String> ids = new ArrayList<>();
                for (FileEntry file : manifest.files()) {
                    ids.addAll(file.chunkIds());
                    if (ids.size() >= READ_BATCH) {
                        rows += writeRows(store, codebase.collection(), ids, w);
                        ids.clear();
                    }
                }
                rows += writeRows(store, codebase.collection(), ids, w);
                w.flush();
                zip.closeEntry();
                copyInto(zip, MANIFEST, codebase.location().manifestFile());
                copyInto(zip, SYMBOLS, codebase.location().symbolsFile());
                Map<String, String> schema = new LinkedHashMap<>();
                spec.schema().forEach((name, type) -> schema.put(name, type.name()));
                Header header = new Header(FORMAT, codebase.location().codebase().toString(), store.type(),
                        spec.dimension(), spec.metric().name(), schema, spec.properties(), rows,
                        System.currentTimeMillis());
                zip.putNextEntry(new ZipEntry(HEADER));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(header));
                zip.closeEntry();
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return header;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the index archive " + out + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the archive's own error, if any, is the one worth reporting
            }
        }
    }

    private static long writeRows(VectorStore store, String collection, List<String> ids, BufferedWriter w)
            throws IOException {
        if (ids.isEmpty()) {
            return 0;
        }
        List<StoredRow> found = store.get(collection, ids);
        for (StoredRow row : found) {
            String vector = row.vector() == null ? null : encode(row.vector());
            w.write(JSON.writeValueAsString(new Row(row.id(), vector, row.metadata())));
            w.newLine();
        }
        return found.size();
    }

    private static void copyInto(ZipOutputStream zip, String entry, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        if (Files.exists(file)) {
            Files.copy(file, zip);
        }
        zip.closeEntry();
    }

    /**
     * Fills {@code codebase}'s index from {@code archive}: the collection with the archive's fingerprint, every row
     * with its id and vector, the manifest and the symbol table. Nothing is embedded.
     *
     * @param batchSize rows per store write
     * @return the archive's header
     * @throws InvalidInputException when the file is not an index archive, its fingerprint differs from what this
     *                               codebase's config builds, or the codebase is indexed already
     */
    public static Header importInto(Codebase codebase, Path archive, int batchSize) {
        IndexLocation location = codebase.location();
        try (ZipFile zip = open(archive); IndexLock lock = codebase.lock("import", false)) {
            Header header = header(zip, archive);
            String mismatch = codebase.fingerprint().mismatch(header.properties(), true);
            if (mismatch != null) {
                throw new InvalidInputException("the archive " + archive + " was built differently from what this config "
                        + "builds (" + mismatch + "); import it with the config it was made with, or index the "
                        + "codebase instead");
            }
            Path partial = location.dir().resolve(PARTIAL);
            VectorStore store = codebase.store();
            if (store.hasCollection(codebase.collection()) && !Files.exists(partial)) {
                throw new InvalidInputException(location.codebase() + " is indexed already (collection "
                        + codebase.collection() + "); delete it first: code-indexer delete --path "
                        + location.codebase() + " --all");
            }
            Files.createDirectories(location.dir());
            Files.writeString(partial, archive.toString());
            CollectionSpec spec = header.spec(codebase.collection());
            store.createCollection(spec);
            try {
                writeRows(zip, archive, store, spec, batchSize);
                store.flush(spec.name());
            } finally {
                store.release(spec.name());
            }
            copyOut(zip, MANIFEST, location.manifestFile());
            copyOut(zip, SYMBOLS, location.symbolsFile());
            codebase.writeInfo();
            codebase.refresh();
            Files.delete(partial);
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import " + archive + ": " + e.getMessage(), e);
        }
    }

    /** The header of {@code archive}: where it came from, its fingerprint and its size. */
    public static Header read(Path archive) {
        try (ZipFile zip = open(archive)) {
            return header(zip, archive);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + archive + ": " + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new InvalidInputException(archive + " is not a file; give the file code-indexer export wrote");
        }
        try {
            return new ZipFile(archive.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(archive + " is not an index archive (" + e.getMessage()
                    + "); give the file code-indexer export wrote");
        }
    }

    private static Header header(ZipFile zip, Path archive) throws IOException {
        ZipEntry entry = zip.getEntry(HEADER);
        if (entry == null || zip.getEntry(ROWS) == null) {
            throw new InvalidInputException(archive + " is not an index archive (it has no " + HEADER
                    + "); give the file code-indexer export wrote");
        }
        Header header;
        try (InputStream in = zip.getInputStream(entry)) {
            header = JSON.readValue(in, Header.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(archive + " has an unreadable " + HEADER + ": " + e.getOriginalMessage());
        }
        if (header.format() != FORMAT) {
            throw new InvalidInputException(archive + " is an index archive of format " + header.format()
                    + "; this version reads format " + FORMAT);
        }
        return header;
    }

    private static void writeRows(ZipFile zip, Path archive, VectorStore store, CollectionSpec spec, int batchSize)
            throws IOException {
        String collection = spec.name();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(zip.getInputStream(zip.getEntry(ROWS)),
                StandardCharsets.UTF_8))) {
            List<String> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            List<Map<String, Object>> metadata = new ArrayList<>();
            int line = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                line++;
                Row row;
                try {
                    row = JSON.readValue(text, Row.class);
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(archive + ": row " + line + " of " + ROWS + " is unreadable: "
                            + e.getOriginalMessage());
                }
                ids.add(row.id());
                // A row not embedded yet: as the indexer writes it to this store (no vector, or a stand-in).
                vectors.add(row.vector() != null ? decode(row.vector())
                        : store.storesRowsWithoutVectors() ? null : ChunkRows.standIn(row.id(), spec.dimension()));
                metadata.add(row.metadata());
                if (ids.size() == batchSize) {
                    store.upsert(collection, vectors, metadata, ids);
                    ids.clear();
                    vectors.clear();
                    metadata.clear();
                }
            }
            if (!ids.isEmpty()) {
                store.upsert(collection, vectors, metadata, ids);
            }
        }
    }

    private static void copyOut(ZipFile zip, String entry, Path file) throws IOException {
        ZipEntry e = zip.getEntry(entry);
        if (e == null) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return vector;
    }
}
