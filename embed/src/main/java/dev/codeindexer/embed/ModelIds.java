package dev.codeindexer.embed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Builds model ids that change whenever the stored vectors would. */
public final class ModelIds {
    private ModelIds() {
    }

    /**
     * {@code id} itself when documents get the model's conventional prefix; otherwise {@code id} tagged with a short
     * hash of the prefix, because a different document prefix gives different document vectors and the index must
     * not mix them.
     */
    public static String withDocumentPrefix(String id, String documentPrefix, String conventional) {
        String prefix = documentPrefix == null ? "" : documentPrefix;
        if (prefix.equals(conventional == null ? "" : conventional)) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(prefix.getBytes(StandardCharsets.UTF_8));
            return id + "#doc-prefix-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
