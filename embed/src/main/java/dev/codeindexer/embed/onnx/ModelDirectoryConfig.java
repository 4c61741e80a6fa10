package dev.codeindexer.embed.onnx;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.codeindexer.embed.EmbeddingConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The optional {@code code-indexer-model.json} of a model directory: how the model was trained to be used. Every
 * key is optional and snake_case; unknown keys are errors, so a misspelt key is not silently ignored. Example for
 * E5: {@code {"pooling": "mean", "query_prefix": "query: ", "document_prefix": "passage: "}}.
 *
 * @param name           the model's name in its id; default: the directory's name
 * @param pooling        {@code mean} (default) or {@code cls}; not for an output that is one vector per text already
 * @param queryPrefix    put before every query; default none
 * @param documentPrefix put before every indexed chunk; default none
 * @param maxTokens      tokens the model reads, special tokens included; default: from {@code tokenizer.json}'s
 *                       truncation, else {@code tokenizer_config.json}'s {@code model_max_length}, else 512
 * @param dimension      the vectors' length, checked against what the model outputs; default: what it outputs
 * @param normalize      only {@code true} (the default): vectors are always scaled to unit length, see the README
 * @param output         the model output holding the vectors; default {@code last_hidden_state}, else
 *                       {@code token_embeddings}, else {@code sentence_embedding}, else the first output
 */
public record ModelDirectoryConfig(String name, String pooling, String queryPrefix, String documentPrefix,
                                   Integer maxTokens, Integer dimension, Boolean normalize, String output) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** No file: every setting detected or defaulted. */
    public static ModelDirectoryConfig none() {
        return new ModelDirectoryConfig(null, null, null, null, null, null, null, null);
    }

    /**
     * Reads {@code file}, or gives {@link #none()} when it does not exist.
     *
     * @throws EmbeddingConfigException naming the file and the key for unreadable JSON, an unknown key or a bad value
     */
    public static ModelDirectoryConfig read(Path file) {
        ModelDirectoryConfig config;
        try {
            config = JSON.readValue(Files.readAllBytes(file), ModelDirectoryConfig.class);
        } catch (NoSuchFileException e) {
            return none();
        } catch (UnrecognizedPropertyException e) {
            throw new EmbeddingConfigException(file + ": unknown key '" + e.getPropertyName() + "'; known keys: "
                    + e.getKnownPropertyIds().stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)), e);
        } catch (JacksonException e) {
            throw new EmbeddingConfigException(file + ": not valid here (" + e.getOriginalMessage() + "); write a JSON"
                    + " object such as {\"pooling\": \"cls\", \"query_prefix\": \"query: \"}", e);
        } catch (IOException e) {
            throw new EmbeddingConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (config == null) {
            return none();
        }
        config.check(file);
        return config;
    }

    private void check(Path file) {
        if (name != null && !NAME.matcher(name).matches()) {
            throw new EmbeddingConfigException(file + ": name '" + name + "' must be 1 to 80 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit (it becomes part of the model id)");
        }
        if (pooling != null) {
            poolingOr(Pooling.MEAN, file);
        }
        if (maxTokens != null && maxTokens < 3) {
            throw new EmbeddingConfigException(file + ": max_tokens must be at least 3, got " + maxTokens);
        }
        if (dimension != null && dimension < 1) {
            throw new EmbeddingConfigException(file + ": dimension must be positive, got " + dimension);
        }
        if (Boolean.FALSE.equals(normalize)) {
            throw new EmbeddingConfigException(file + ": normalize: false is not supported; every model's vectors are"
                    + " scaled to unit length so that cosine, dot and euclidean rank alike (normalising changes no"
                    + " cosine ranking); remove the key");
        }
    }

    /** The configured pooling, or {@code fallback} when none is configured. */
    Pooling poolingOr(Pooling fallback, Path file) {
        if (pooling == null) {
            return fallback;
        }
        return switch (pooling.trim().toLowerCase(Locale.ROOT)) {
            case "cls" -> Pooling.CLS;
            case "mean" -> Pooling.MEAN;
            default -> throw new EmbeddingConfigException(file + ": pooling must be 'mean' or 'cls', got '" + pooling
                    + "'");
        };
    }
}
