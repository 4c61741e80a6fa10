package dev.codeindexer.embed.cache;

import dev.codeindexer.embed.EmbeddingModel;
import dev.codeindexer.embed.ForwardingEmbeddingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers vectors on disk so that a text is embedded once per model: unchanged chunks cost nothing when a
 * codebase is indexed again, in this process or a later one. Entries are keyed by the SHA-256 of the text (and
 * its kind: documents only; queries pass through), in one file per {@link #modelId()}, so models never share
 * entries. See {@link EmbeddingCacheFile} for the crash-safe format. Closing closes the underlying model too.
 */
public final class CachingEmbeddingModel extends ForwardingEmbeddingModel {
    /** Default bound of one model's cache file: about 1.3 million 384-dimensional vectors. */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;

    private final EmbeddingCacheFile file;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private volatile boolean closed;

    private CachingEmbeddingModel(EmbeddingModel delegate, EmbeddingCacheFile file) {
        super(delegate);
        this.file = file;
    }

    /** Opens the cache of {@code delegate}'s model in {@code dir}, bounded to {@link #DEFAULT_MAX_BYTES}. */
    public static CachingEmbeddingModel open(EmbeddingModel delegate, Path dir) {
        return open(delegate, dir, DEFAULT_MAX_BYTES);
    }

    /**
     * Opens the cache of {@code delegate}'s model in {@code dir}, reading the index of what it holds; when the
     * file grows past {@code maxBytes} its older half is dropped.
     *
     * @throws EmbeddingCacheException if the directory or file cannot be used
     */
    public static CachingEmbeddingModel open(EmbeddingModel delegate, Path dir, long maxBytes) {
        Objects.requireNonNull(delegate, "delegate");
        Path path = dir.resolve(fileName(delegate.modelId()));
        try {
            return new CachingEmbeddingModel(delegate, EmbeddingCacheFile.open(path, delegate.modelId(), maxBytes));
        } catch (IOException e) {
            throw new EmbeddingCacheException("cannot open embedding cache " + path + ": " + e.getMessage()
                    + "; check the directory's permissions or free space", e);
        }
    }

    /** A readable, collision-free file name for a model id. */
    static String fileName(String modelId) {
        String readable = modelId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
        if (readable.length() > 80) {
            readable = readable.substring(0, 80);
        }
        return readable + "-" + HexFormat.of().formatHex(sha256(modelId.getBytes(StandardCharsets.UTF_8)), 0, 6) + ".vec";
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return embed(texts, (byte) 'd');
    }

    /**
     * Queries are embedded fresh and never written to disk: what people search for stays private, the cache does
     * not grow with every search, and measured search latency is what a new query costs.
     */
    @Override
    public List<float[]> embedQueries(List<String> queries) {
        if (closed) {
            throw new IllegalStateException("the embedding cache of " + modelId() + " is closed");
        }
        return delegate.embedQueries(queries);
    }

    private List<float[]> embed(List<String> texts, byte kind) {
        if (closed) {
            throw new IllegalStateException("the embedding cache of " + modelId() + " is closed");
        }
        float[][] out = new float[texts.size()][];
        EmbeddingCacheFile.Key[] keys = new EmbeddingCacheFile.Key[texts.size()];
        // Each distinct missing text once, with the positions that want it.
        Map<EmbeddingCacheFile.Key, List<Integer>> missing = new LinkedHashMap<>();
        List<String> missingTexts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = Objects.requireNonNull(texts.get(i), "texts must not contain null");
            keys[i] = key(kind, text);
            out[i] = file.get(keys[i]);
            if (out[i] == null) {
                missing.computeIfAbsent(keys[i], k -> {
                    missingTexts.add(text);
                    return new ArrayList<>();
                }).add(i);
            }
        }
        hits.addAndGet(texts.size() - missingTexts.size());
        misses.addAndGet(missingTexts.size());
        if (missingTexts.isEmpty()) {
            return Arrays.asList(out);
        }
        List<float[]> fresh = kind == 'd' ? delegate.embedDocuments(missingTexts) : delegate.embedQueries(missingTexts);
        Map<EmbeddingCacheFile.Key, float[]> toStore = new LinkedHashMap<>();
        int j = 0;
        for (Map.Entry<EmbeddingCacheFile.Key, List<Integer>> e : missing.entrySet()) {
            float[] v = fresh.get(j++);
            toStore.put(e.getKey(), v);
            for (int i : e.getValue()) {
                out[i] = i == e.getValue().getFirst() ? v : v.clone();
            }
        }
        try {
            file.putAll(toStore);
        } catch (IOException e) {
            throw new EmbeddingCacheException("cannot write embedding cache of " + modelId() + ": " + e.getMessage()
                    + "; free disk space or remove the cache directory", e);
        }
        return Arrays.asList(out);
    }

    private static EmbeddingCacheFile.Key key(byte kind, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(kind);
            sha.update((byte) 0);
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            return EmbeddingCacheFile.Key.of(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Hits and misses since opening, and the size of the cache. */
    public CacheStats stats() {
        return new CacheStats(hits.get(), misses.get(), file.size(), file.bytes(), file.writable());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            file.close();
        } catch (IOException e) {
            throw new EmbeddingCacheException("cannot close embedding cache of " + modelId() + ": " + e.getMessage(), e);
        } finally {
            delegate.close();
        }
    }

    @Override
    public String toString() {
        return "CachingEmbeddingModel[" + delegate + "]";
    }
}
