package dev.codeindexer.chunk;

import java.util.List;

/**
 * What one parse of a file yields: its chunks, exactly as {@link Chunker#chunk} returns them, its definitions in
 * source order, and the calls and type references in its code.
 */
public record FileAnalysis(List<Chunk> chunks, List<Symbol> symbols, List<Reference> references) {
    public FileAnalysis {
        chunks = List.copyOf(chunks);
        symbols = List.copyOf(symbols);
        references = List.copyOf(references);
    }
}
