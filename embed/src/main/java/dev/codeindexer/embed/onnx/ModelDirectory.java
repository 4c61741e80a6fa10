package dev.codeindexer.embed.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.embed.EmbeddingConfigException;
import dev.codeindexer.embed.ModelIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model of one's own ({@code embedding.model_path}): a directory holding {@code model.onnx} (a transformer
 * exported to ONNX, with the {@code input_ids} input) and {@code tokenizer.json} (any Hugging Face tokenizer), and
 * optionally {@link ModelDirectoryConfig code-indexer-model.json} with how the model is meant to be used. What that
 * file leaves out is detected: the dimension from the model's output shape (or one probe run), the token limit from
 * the tokenizer's files, and whether the model takes {@code token_type_ids} from its declared inputs.
 */
public final class ModelDirectory {
    public static final String MODEL_FILE = "model.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String CONFIG_FILE = "code-indexer-model.json";
    /** Where {@code transformers} writes a tokenizer's limit; read for the token limit when nothing else gives it. */
    static final String TOKENIZER_CONFIG_FILE = "tokenizer_config.json";
    /** The limit of BERT-family encoders, taken when no file states one. */
    static final int DEFAULT_MAX_TOKENS = 512;
    /** {@code transformers} writes about 1e30 as "no limit"; nothing real reads more than this many tokens. */
    private static final long PLAUSIBLE_MAX_TOKENS = 1_000_000;

    private static final Logger log = LoggerFactory.getLogger(ModelDirectory.class);

    private ModelDirectory() {
    }

    /**
     * Loads the model in {@code dir}.
     *
     * @param queryPrefix    put before queries instead of the directory config's; null keeps that
     * @param documentPrefix put before documents instead of the directory config's; null keeps that (another one
     *                       gives another model id, as for the built-in models)
     * @param threads        intra-op threads
     * @param batchSize      texts per inference call
     * @throws EmbeddingConfigException naming the path and the fix when a file is missing or unusable, or the model
     *                                  does not produce what its config says
     */
    public static OnnxEmbeddingModel open(Path dir, String queryPrefix, String documentPrefix, int threads,
                                          int batchSize) {
        OnnxEmbeddingModel.checkPositive(threads, batchSize);
        Path modelFile = requireFile(dir, MODEL_FILE, "export the model to ONNX (for example with Hugging Face"
                + " optimum: optimum-cli export onnx --model NAME DIR) and put model.onnx there");
        Path tokenizerFile = requireFile(dir, TOKENIZER_FILE, "save the model's tokenizer there (tokenizer.save or"
                + " save_pretrained in Python writes tokenizer.json)");
        ModelDirectoryConfig config = ModelDirectoryConfig.read(dir.resolve(CONFIG_FILE));
        int maxTokens = config.maxTokens() != null ? config.maxTokens() : detectMaxTokens(dir, tokenizerFile);
        String ownDocumentPrefix = config.documentPrefix() == null ? "" : config.documentPrefix();
        String id = ModelIds.withDocumentPrefix(fingerprint(dir, config, maxTokens),
                documentPrefix == null ? ownDocumentPrefix : documentPrefix, ownDocumentPrefix);

        NativeTokenizer tokenizer = NativeTokenizer.open(tokenizerFile, maxTokens);
        OrtSession session;
        try {
            session = OnnxSessions.fromFile(modelFile, threads);
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new EmbeddingConfigException("ONNX Runtime cannot load " + modelFile + " (" + e.getMessage()
                    + "); check that it is a complete ONNX model file", e);
        }
        OnnxModelSettings settings;
        OnnxSignature signature;
        try {
            signature = OnnxSignature.of(session, config.output(), modelFile.toString());
            if (signature.pooled() && config.pooling() != null) {
                throw new EmbeddingConfigException(dir.resolve(CONFIG_FILE) + ": pooling is set, but output '"
                        + signature.output() + "' of " + modelFile + " is one vector per text already; remove"
                        + " pooling, or name a per-token output with \"output\"");
            }
            Pooling pooling = signature.pooled() ? Pooling.NONE : config.poolingOr(Pooling.MEAN, dir.resolve(CONFIG_FILE));
            checkDimension(dir, config, signature.width());
            settings = new OnnxModelSettings(id, pooling,
                    queryPrefix != null ? queryPrefix : config.queryPrefix(),
                    documentPrefix != null ? documentPrefix : ownDocumentPrefix, maxTokens, signature.width());
        } catch (OrtException e) {
            OnnxEmbeddingModel.closeQuietly(session, e);
            tokenizer.close();
            throw new EmbeddingConfigException("ONNX Runtime cannot inspect " + modelFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            OnnxEmbeddingModel.closeQuietly(session, e);
            tokenizer.close();
            throw e;
        }
        OnnxEmbeddingModel model = OnnxEmbeddingModel.start(settings, tokenizer, session, signature, batchSize);
        try {
            checkDimension(dir, config, model.dimension());
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        log.debug("loaded {} from {}: {}, {} pooling, {} tokens, {} dimensions", id, dir, signature, settings.pooling(),
                maxTokens, model.dimension());
        return model;
    }

    /**
     * The id the model in {@code dir} has with its own document prefix: its name and a hash of its files and of
     * the settings that shape document vectors (the query prefix is not among them: stored vectors do not depend
     * on it).
     */
    static String fingerprint(Path dir, ModelDirectoryConfig config, int maxTokens) {
        String settings = "pooling=" + config.pooling() + "\ndocument_prefix=" + config.documentPrefix()
                + "\nmax_tokens=" + maxTokens + "\noutput=" + config.output() + "\n";
        long start = System.nanoTime();
        try {
            String id = ModelFingerprint.id(config.name() != null ? config.name() : defaultName(dir),
                    modelFiles(dir), settings);
            log.debug("fingerprinted {} in {} ms", dir, (System.nanoTime() - start) / 1_000_000);
            return id;
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read the model files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code model.onnx}, any external weights beside it ({@code model.onnx_data}, ...), then the tokenizer. */
    private static List<Path> modelFiles(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> p.getFileName().toString().startsWith(MODEL_FILE) && Files.isRegularFile(p))
                    .sorted().forEach(files::add);
        }
        files.add(dir.resolve(TOKENIZER_FILE));
        return files;
    }

    private static String defaultName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String cleaned = name == null ? "" : name.toString().replaceAll("[^A-Za-z0-9._-]+", "-");
        return cleaned.isEmpty() ? "model" : cleaned;
    }

    private static Path requireFile(Path dir, String name, String fix) {
        if (!Files.isDirectory(dir)) {
            throw new EmbeddingConfigException("embedding.model_path " + dir + (Files.exists(dir)
                    ? " is not a directory" : " does not exist") + "; point it at a directory holding " + MODEL_FILE
                    + " and " + TOKENIZER_FILE);
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new EmbeddingConfigException(file + (Files.exists(file) ? " is not a readable file" : " is missing")
                    + "; " + fix);
        }
        return file;
    }

    /**
     * The token limit the tokenizer's own files state: {@code tokenizer.json}'s truncation length, else
     * {@code tokenizer_config.json}'s {@code model_max_length}, else {@link #DEFAULT_MAX_TOKENS}.
     */
    static int detectMaxTokens(Path dir, Path tokenizerFile) {
        ObjectMapper json = new ObjectMapper();
        try {
            long truncation = json.readTree(tokenizerFile.toFile()).path("truncation").path("max_length").asLong(0);
            if (truncation >= 3 && truncation <= PLAUSIBLE_MAX_TOKENS) {
                return (int) truncation;
            }
        } catch (IOException e) {
            throw new EmbeddingConfigException("tokenizer " + tokenizerFile + " is not readable JSON ("
                    + e.getMessage() + "); save it again with the tokenizers library", e);
        }
        Path tokenizerConfig = dir.resolve(TOKENIZER_CONFIG_FILE);
        if (Files.isRegularFile(tokenizerConfig)) {
            try {
                JsonNode limit = json.readTree(tokenizerConfig.toFile()).path("model_max_length");
                if (limit.isNumber() && limit.asDouble() >= 3 && limit.asDouble() <= PLAUSIBLE_MAX_TOKENS) {
                    return limit.asInt();
                }
            } catch (IOException e) {
                throw new EmbeddingConfigException(tokenizerConfig + " is not readable JSON (" + e.getMessage()
                        + "); fix or remove it, or set max_tokens in " + CONFIG_FILE, e);
            }
        }
        return DEFAULT_MAX_TOKENS;
    }

    private static void checkDimension(Path dir, ModelDirectoryConfig config, int actual) {
        if (config.dimension() != null && actual > 0 && actual != config.dimension()) {
            throw new EmbeddingConfigException(dir.resolve(CONFIG_FILE) + " says dimension " + config.dimension()
                    + ", but " + dir.resolve(MODEL_FILE) + " outputs " + actual + "-dimensional vectors; set"
                    + " \"dimension\": " + actual + " or remove the key");
        }
    }
}
