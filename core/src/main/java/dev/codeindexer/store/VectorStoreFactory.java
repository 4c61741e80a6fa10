package dev.codeindexer.store;

import dev.codeindexer.config.ConfigException;
import dev.codeindexer.config.VectorStoreConfig;
import java.util.List;
import java.util.ServiceLoader;

/** Builds the store that {@code vector_store.type} names, from the backends found on the classpath. */
public final class VectorStoreFactory {
    private VectorStoreFactory() {
    }

    /** An unconnected store; call {@link VectorStore#connect()} before use. */
    public static VectorStore create(VectorStoreConfig config) {
        for (VectorStoreProvider provider : providers()) {
            if (provider.type().equalsIgnoreCase(config.type())) {
                return provider.create(config);
            }
        }
        throw new ConfigException("vector_store.type '" + config.type() + "' has no backend on the classpath; "
                + "available: " + availableTypes());
    }

    /** The types of every backend on the classpath. */
    public static List<String> availableTypes() {
        return providers().stream().map(VectorStoreProvider::type).sorted().toList();
    }

    private static List<VectorStoreProvider> providers() {
        return ServiceLoader.load(VectorStoreProvider.class, VectorStoreFactory.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }
}
