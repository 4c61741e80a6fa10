package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.codeindexer.chunk.Symbol;
import java.util.List;

/** A definition in a file's outline, with the definitions inside it; serialized as the symbol plus {@code children}. */
public record OutlineEntry(@JsonUnwrapped Symbol symbol, List<OutlineEntry> children) {
    public OutlineEntry {
        children = List.copyOf(children);
    }
}
