package dev.codeindexer.embed.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vectors of one model id in one append-only file: a header (magic, model id, dimension, checksum) followed by
 * fixed-size records (magic, 16-byte key, the floats, CRC32C of key and floats). A process killed mid-append leaves
 * at worst a torn last record, which the next open detects by size or checksum and cuts off, so nothing after a
 * corruption is trusted. Only the process holding the sibling {@code .lock} file writes; another process reads what
 * was there when it opened. When the file passes {@code maxBytes} the oldest half is dropped. Thread-safe.
 */
final class EmbeddingCacheFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCacheFile.class);
    private static final long FILE_MAGIC = 0x43494D4245443031L; // "CIMBED01"
    private static final int RECORD_MAGIC = 0x5EC0DE01;
    static final int KEY_BYTES = 16;

    private final Path path;
    private final String modelId;
    private final long maxBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Map<Key, Long> offsets = new HashMap<>();
    private FileChannel channel;
    private int dimension;
    private long headerBytes;
    private long end;

    /** A 128-bit content key. */
    record Key(long hi, long lo) {
        static Key of(byte[] digest) {
            ByteBuffer b = ByteBuffer.wrap(digest);
            return new Key(b.getLong(), b.getLong());
        }
    }

    private EmbeddingCacheFile(Path path, String modelId, long maxBytes, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.modelId = modelId;
        this.maxBytes = maxBytes;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (or prepares to create) the cache file of {@code modelId} and indexes its valid records. */
    static EmbeddingCacheFile open(Path path, String modelId, long maxBytes) throws IOException {
        Files.createDirectories(path.getParent());
        FileChannel lockChannel = FileChannel.open(path.resolveSibling(path.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            LOG.info("embedding cache {} is being written by another process; this one only reads it", path);
        }
        EmbeddingCacheFile file = new EmbeddingCacheFile(path, modelId, maxBytes, lockChannel, lock);
        try {
            file.load();
            return file;
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    boolean writable() {
        return lock != null;
    }

    int size() {
        rw.readLock().lock();
        try {
            return offsets.size();
        } finally {
            rw.readLock().unlock();
        }
    }

    long bytes() {
        return end;
    }

    /** The cached vector, or null when there is none (or it cannot be read any more). */
    float[] get(Key key) {
        rw.readLock().lock();
        try {
            Long at = offsets.get(key);
            if (at == null) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate(dimension * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(buf, at + 4 + KEY_BYTES);
            float[] v = new float[dimension];
            buf.flip().asFloatBuffer().get(v);
            return v;
        } catch (IOException e) {
            throw new EmbeddingCacheException("cannot read embedding cache " + path + ": " + e.getMessage()
                    + "; delete the file to start the cache afresh", e);
        } finally {
            rw.readLock().unlock();
        }
    }

    /** Appends the vectors whose keys are not cached yet; a read-only file ignores the call. */
    void putAll(Map<Key, float[]> entries) throws IOException {
        if (!writable() || entries.isEmpty()) {
            return;
        }
        rw.writeLock().lock();
        try {
            if (channel == null) {
                create(entries.values().iterator().next().length);
            }
            int recordBytes = recordBytes();
            ByteBuffer buf = ByteBuffer.allocate(entries.size() * recordBytes).order(ByteOrder.LITTLE_ENDIAN);
            Map<Key, Long> added = new HashMap<>();
            for (Map.Entry<Key, float[]> e : entries.entrySet()) {
                if (offsets.containsKey(e.getKey()) || added.containsKey(e.getKey())) {
                    continue;
                }
                float[] v = e.getValue();
                if (v.length != dimension) {
                    throw new IllegalArgumentException("vector of length " + v.length + " in the cache of " + modelId
                            + ", whose vectors have " + dimension);
                }
                added.put(e.getKey(), end + buf.position());
                writeRecord(buf, e.getKey(), v);
            }
            buf.flip();
            long at = end;
            while (buf.hasRemaining()) {
                at += channel.write(buf, at);
            }
            end = at;
            offsets.putAll(added);
            if (end > maxBytes) {
                compact();
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    private void writeRecord(ByteBuffer buf, Key key, float[] v) {
        int start = buf.position();
        buf.putInt(RECORD_MAGIC).putLong(key.hi()).putLong(key.lo());
        for (float x : v) {
            buf.putFloat(x);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), start + 4, KEY_BYTES + dimension * Float.BYTES);
        buf.putInt((int) crc.getValue());
    }

    private int recordBytes() {
        return 4 + KEY_BYTES + dimension * Float.BYTES + 4;
    }

    private void load() throws IOException {
        if (!Files.exists(path) || Files.size(path) == 0) {
            return;
        }
        channel = FileChannel.open(path, writable()
                ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.READ});
        if (!readHeader()) {
            LOG.warn("embedding cache {} has an unreadable header; starting it afresh", path);
            channel.close();
            channel = null;
            if (writable()) {
                Files.delete(path);
            }
            return;
        }
        int recordBytes = recordBytes();
        long size = channel.size();
        long pos = headerBytes;
        ByteBuffer buf = ByteBuffer.allocate(recordBytes * 256).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        scan:
        while (pos + recordBytes <= size) {
            buf.clear().limit((int) Math.min(buf.capacity(), (size - pos) / recordBytes * recordBytes));
            readFully(buf, pos);
            buf.flip();
            while (buf.remaining() >= recordBytes) {
                int start = buf.position();
                crc.reset();
                crc.update(buf.array(), start + 4, KEY_BYTES + dimension * Float.BYTES);
                if (buf.getInt(start) != RECORD_MAGIC || buf.getInt(start + recordBytes - 4) != (int) crc.getValue()) {
                    break scan;
                }
                offsets.put(new Key(buf.getLong(start + 4), buf.getLong(start + 12)), pos);
                pos += recordBytes;
                buf.position(start + recordBytes);
            }
        }
        end = pos;
        if (pos < size) {
            LOG.warn("embedding cache {}: dropping {} bytes after the last intact record (an interrupted write)",
                    path, size - pos);
            if (writable()) {
                channel.truncate(pos);
            }
        }
    }

    private boolean readHeader() throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        if (channel.size() < 16) {
            return false;
        }
        readFully(fixed, 0);
        fixed.flip();
        long magic = fixed.getLong();
        int idBytes = fixed.getInt();
        int dim = fixed.getInt();
        if (magic != FILE_MAGIC || idBytes < 0 || idBytes > 4096 || dim < 1 || dim > 65536
                || channel.size() < 20 + idBytes) {
            return false;
        }
        ByteBuffer rest = ByteBuffer.allocate(idBytes + 4).order(ByteOrder.LITTLE_ENDIAN);
        readFully(rest, 16);
        rest.flip();
        byte[] id = new byte[idBytes];
        rest.get(id);
        CRC32C crc = new CRC32C();
        crc.update(id);
        crc.update(dim);
        if (rest.getInt() != (int) crc.getValue()) {
            return false;
        }
        String stored = new String(id, StandardCharsets.UTF_8);
        if (!stored.equals(modelId)) {
            throw new EmbeddingCacheException("embedding cache " + path + " belongs to model " + stored + ", not "
                    + modelId + "; delete the file");
        }
        dimension = dim;
        headerBytes = 20L + idBytes;
        return true;
    }

    private void create(int dim) throws IOException {
        dimension = dim;
        Path tmp = path.resolveSibling(path.getFileName() + ".new");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = header();
            while (header.hasRemaining()) {
                out.write(header);
            }
            out.force(true);
        }
        // The file appears only with a complete header, so a crash here leaves no half-made file behind.
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        headerBytes = channel.size();
        end = headerBytes;
    }

    private ByteBuffer header() {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(id);
        crc.update(dimension);
        ByteBuffer b = ByteBuffer.allocate(20 + id.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(FILE_MAGIC).putInt(id.length).putInt(dimension).put(id).putInt((int) crc.getValue());
        return b.flip();
    }

    /** Keeps the newest half of the records: rewritten to a new file that atomically replaces this one. */
    private void compact() throws IOException {
        int recordBytes = recordBytes();
        long records = (end - headerBytes) / recordBytes;
        long keep = Math.max(1, (maxBytes / 2 - headerBytes) / recordBytes);
        long from = headerBytes + (records - Math.min(keep, records)) * recordBytes;
        Path tmp = path.resolveSibling(path.getFileName() + ".new");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = header();
            while (header.hasRemaining()) {
                out.write(header);
            }
            long copied = 0;
            while (copied < end - from) {
                copied += channel.transferTo(from + copied, end - from - copied, out);
            }
            out.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel.close();
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long shift = from - headerBytes;
        offsets.entrySet().removeIf(e -> e.getValue() < from);
        offsets.replaceAll((k, at) -> at - shift);
        end -= shift;
        LOG.info("embedding cache {} passed {} bytes; kept the newest {} entries", path, maxBytes, offsets.size());
    }

    private void readFully(ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + path + " at " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        rw.writeLock().lock();
        try {
            if (channel != null) {
                if (writable()) {
                    channel.force(false);
                }
                channel.close();
                channel = null;
            }
        } finally {
            rw.writeLock().unlock();
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        }
    }
}
