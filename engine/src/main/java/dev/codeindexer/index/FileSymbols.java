package dev.codeindexer.index;

import dev.codeindexer.chunk.Symbol;
import java.util.List;
import java.util.Objects;

/**
 * The definitions of one indexed file, as the symbol table keeps them.
 *
 * @param path    path relative to the codebase root, {@code /}-separated
 * @param hash    the content hash they were extracted from: the same as the manifest's entry when both are current
 * @param symbols its definitions in source order; empty for a file without any (or without a grammar)
 */
public record FileSymbols(String path, String hash, List<Symbol> symbols) {
    public FileSymbols {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(hash, "hash");
        symbols = List.copyOf(symbols);
    }
}
