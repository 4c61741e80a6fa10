package dev.codeindexer.chunk;

import java.util.List;

/**
 * What one parse of a file yields: its chunks, exactly as {@link Chunker#chunk} returns them, and its definitions
 * in source order.
 */
public record FileAnalysis(List<Chunk> chunks, List<Symbol> symbols) {
    public FileAnalysis {
        chunks = List.copyOf(chunks);
        symbols = List.copyOf(symbols);
    }
}
