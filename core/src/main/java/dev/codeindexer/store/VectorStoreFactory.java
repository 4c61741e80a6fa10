package dev.codeindexer.store;

import dev.codeindexer.config.ConfigException;
import dev.codeindexer.config.VectorStoreConfig;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the backend that {@code vector_store.type} names among the providers on the classpath. */
public final class VectorStoreFactory {
    private VectorStoreFactory() {
    }

    /** An unconnected store; call {@link VectorStore#connect()} before use. */
    public static VectorStore create(VectorStoreConfig config, StoreContext context) {
        return provider(config).create(config, context);
    }

    /** The backend {@code config} selects: its {@code type}, else the default one. */
    public static VectorStoreProvider provider(VectorStoreConfig config) {
        List<VectorStoreProvider> all = providers();
        if (config.type() == null) {
            List<VectorStoreProvider> defaults = all.stream().filter(VectorStoreProvider::isDefault).toList();
            if (defaults.size() != 1) {
                throw new ConfigException("vector_store.type is not set and " + defaults.size() + " backends on the "
                        + "classpath claim to be the default; set it to one of " + availableTypes());
            }
            return defaults.getFirst();
        }
        return all.stream().filter(p -> p.type().equalsIgnoreCase(config.type())).findFirst()
                .orElseThrow(() -> new ConfigException("vector_store.type '" + config.type()
                        + "' has no backend on the classpath; available: " + availableTypes()));
    }

    /**
     * Checks every backend section of {@code config} with its backend: an unknown section is an unknown key, and a
     * section's own mistakes are reported by its backend, whichever backend is selected.
     */
    public static void validate(VectorStoreConfig config) {
        List<VectorStoreProvider> all = providers();
        for (String section : config.backends().keySet()) {
            if (all.stream().noneMatch(p -> p.type().equals(section))) {
                throw new ConfigException("unknown key 'vector_store." + section + "'; known keys here: "
                        + "[default_collection, embedding_dimension, metric, type] and one section per backend "
                        + availableTypes());
            }
        }
        all.forEach(p -> p.validate(config));
    }

    /** The types of every backend on the classpath. */
    public static List<String> availableTypes() {
        return providers().stream().map(VectorStoreProvider::type).sorted().toList();
    }

    /** Every backend's {@link VectorStoreProvider#redundantLoggers}. */
    public static List<String> redundantLoggers() {
        return providers().stream().flatMap(p -> p.redundantLoggers().stream()).toList();
    }

    private static List<VectorStoreProvider> providers() {
        return ServiceLoader.load(VectorStoreProvider.class, VectorStoreFactory.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
