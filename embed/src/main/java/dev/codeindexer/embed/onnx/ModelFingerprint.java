package dev.codeindexer.embed.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The id of a model brought in a directory, {@code onnx:dir:<name>@sha256:<12 hex digits>}: a hash of the bytes of
 * its files and of the settings that shape its document vectors, so that the embedding cache and the index
 * fingerprint see a retrained or re-exported model as another model and re-embed.
 *
 * <p>The files are hashed in full on every start rather than remembered by size and modification time: measured at
 * process start, 155-245 ms for a 134 MB fp32 model and 85-150 ms for a 35 MB int8 one (README "Your own model"),
 * small beside starting the command, and a cache keyed on timestamps would miss a copy that keeps them.
 */
final class ModelFingerprint {
    private static final int HEX_CHARS = 12;

    private ModelFingerprint() {
    }

    /**
     * @param name     the model's name in the id
     * @param files    the files whose bytes make the model, in a fixed order
     * @param settings the settings that change document vectors, written in a fixed form
     * @throws IOException if a file cannot be read
     */
    static String id(String name, List<Path> files, String settings) throws IOException {
        MessageDigest all = sha256();
        for (Path file : files) {
            // Each file's own digest, labelled by its name, so that moving bytes between files changes the result.
            all.update((file.getFileName() + "\u0000" + HexFormat.of().formatHex(digest(file)) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        all.update(("settings\u0000" + settings).getBytes(StandardCharsets.UTF_8));
        return "onnx:dir:" + name + "@sha256:" + HexFormat.of().formatHex(all.digest()).substring(0, HEX_CHARS);
    }

    private static byte[] digest(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
