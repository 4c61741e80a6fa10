package dev.codeindexer.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.codeindexer.store.VectorStoreFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the YAML configuration: snake_case keys, every key optional, unknown keys rejected, {@code ${VAR}} and
 * {@code ${VAR:-default}} replaced from the environment inside values (after parsing, so a secret holding YAML
 * syntax cannot change the document's structure). Every error names the file and the key.
 */
public final class ConfigLoader {
    private static final Pattern ENV_REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final YAMLMapper yaml = YAMLMapper.builder().build();
    private final UnaryOperator<String> env;

    /** A loader reading variables from the process environment. */
    public ConfigLoader() {
        this(System::getenv);
    }

    /** A loader reading variables through {@code env} (null for unset), for tests. */
    public ConfigLoader(UnaryOperator<String> env) {
        this.env = env;
    }

    /**
     * Reads and parses {@code file}. A relative {@code embedding.model_path} is taken relative to the file's
     * directory, so a config and the model beside it work from any working directory.
     */
    public CodeIndexerConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the config file (" + e.getMessage() + ")", e);
        }
        CodeIndexerConfig config = parse(text, file.toString());
        String modelPath = config.embedding().modelPath();
        if (modelPath == null || modelPath.isBlank()) {
            return config;
        }
        Path base = file.toAbsolutePath().getParent();
        return config.withEmbedding(config.embedding().withModelPath(base.resolve(modelPath.trim()).normalize().toString()));
    }

    /** Parses YAML text; {@code source} names it in errors. */
    public CodeIndexerConfig parse(String text, String source) {
        JsonNode tree;
        try {
            tree = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ConfigException(source + ": malformed YAML" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return CodeIndexerConfig.defaults();
        }
        if (!tree.isObject()) {
            throw new ConfigException(source + ": the top level must be a mapping (e.g. 'vector_store:'), got "
                    + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        substitute(tree, "", source);
        try {
            CodeIndexerConfig config = ConfigBinder.bind(tree, CodeIndexerConfig.class, "");
            VectorStoreFactory.validate(config.vectorStore());
            return config;
        } catch (ConfigException e) {
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private void substitute(JsonNode node, String path, String source) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String key = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(new TextNode(expand(field.getValue().asText(), key, source)));
                } else {
                    substitute(field.getValue(), key, source);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    array.set(i, new TextNode(expand(item.asText(), path + "[" + i + "]", source)));
                } else {
                    substitute(item, path + "[" + i + "]", source);
                }
            }
        }
    }

    private String expand(String value, String key, String source) {
        Matcher m = ENV_REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) {
                v = m.group(2);
            }
            if (v == null) {
                throw new ConfigException(source + ": '" + key + "' refers to environment variable " + m.group(1)
                        + ", which is not set; set it or write ${" + m.group(1) + ":-default}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
