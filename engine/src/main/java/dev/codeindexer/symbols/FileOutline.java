package dev.codeindexer.symbols;

import java.util.List;

/**
 * A file's definitions, nested: a class holds its methods, a function the functions defined in its body.
 *
 * @param file    path relative to the codebase root
 * @param count   how many definitions in all, nested ones included
 * @param symbols the top-level definitions in source order
 */
public record FileOutline(String file, int count, List<OutlineEntry> symbols) {
    public FileOutline {
        symbols = List.copyOf(symbols);
    }
}
