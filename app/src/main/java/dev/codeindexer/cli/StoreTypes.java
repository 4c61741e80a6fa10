package dev.codeindexer.cli;

import dev.codeindexer.store.VectorStoreFactory;
import java.util.Iterator;

/** The backends on the classpath, for {@code --store}'s help and shell completion. */
final class StoreTypes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return VectorStoreFactory.availableTypes().iterator();
    }
}
