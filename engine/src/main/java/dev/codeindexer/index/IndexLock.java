package dev.codeindexer.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of an index, across processes: {@code writer.lock} in the codebase's index directory, locked with
 * the operating system's file lock while an {@code index} run, a watch, an index job or a delete writes, and holding
 * the owner's pid, host, action and start time so that a second writer is refused with a message naming it.
 *
 * <p>The operating system releases the lock when its process ends however it ends, so a lock left by a process that
 * was killed ({@code kill -9}) is free: the next writer takes it over (and logs whose it was) without guessing from
 * pids whether the owner is alive. The file itself is never deleted, since deleting a lock file lets two processes
 * lock two different files of the same name. Readers never take the lock.
 */
public final class IndexLock implements AutoCloseable {
    static final String FILE = "writer.lock";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(IndexLock.class);

    /** Who holds the lock, as written in the file. */
    public record Owner(long pid, String host, String action, String since) {
        static Owner me(String action) {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "unknown host";
            }
            return new Owner(ProcessHandle.current().pid(), host, action, Instant.now().toString());
        }

        @Override
        public String toString() {
            return "pid " + pid + " on " + host + " (" + action + ", since " + since + ")";
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private IndexLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the writer lock of the index at {@code location}, creating its directory if need be.
     *
     * @param action what this writer does, for the message another writer gets ({@code "index --full"})
     * @param wait   whether to wait for the current owner to finish instead of failing
     * @throws IndexLockedException when another writer holds it and {@code wait} is false
     */
    public static IndexLock acquire(IndexLocation location, String action, boolean wait) {
        // A worktree that shares another's store takes that store's lock: their runs write the same rows.
        Path file = location.storeDir().resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(location.dir());
            Files.createDirectories(location.storeDir());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel);
                if (lock != null) {
                    Owner previous = read(channel);
                    if (previous != null) {
                        // Only a process that ended without releasing it leaves an owner behind.
                        LOG.info("took over the writer lock of {} left by {}, which ended without releasing it",
                                location.codebase(), previous);
                    }
                    write(channel, JSON.writeValueAsBytes(Owner.me(action)));
                    return new IndexLock(channel, lock);
                }
                Owner owner = read(channel);
                if (!wait) {
                    throw new IndexLockedException(location.codebase(), owner);
                }
                if (!told) {
                    LOG.info("waiting for {} to finish writing the index of {}", owner == null ? "another process"
                            : owner, location.codebase());
                    told = true;
                }
                Thread.sleep(POLL);
            }
        } catch (IOException e) {
            close(channel);
            throw new IndexException("cannot lock " + file + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            close(channel);
            Thread.currentThread().interrupt();
            throw new IndexException("stopped waiting for the writer lock of " + location.codebase(), e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /** The lock, or null when another process holds it, or another opener in this one. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static Owner read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0 || size > 64 * 1024) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        channel.read(buffer, 0);
        try {
            return JSON.readValue(buffer.array(), 0, buffer.position(), Owner.class);
        } catch (IOException halfWritten) {
            return null; // the owner is writing it this moment
        }
    }

    private static void write(FileChannel channel, byte[] bytes) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(bytes), 0);
        channel.force(false);
    }

    private static void close(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a lock file: {}", e.getMessage());
            }
        }
    }

    /** Clears the owner and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            LOG.warn("releasing the writer lock failed ({}); it is released when this process ends", e.getMessage());
        } finally {
            close(channel);
        }
    }
}
