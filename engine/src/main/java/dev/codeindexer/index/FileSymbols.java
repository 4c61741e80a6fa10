package dev.codeindexer.index;

import dev.codeindexer.chunk.FileAnalysis;
import dev.codeindexer.chunk.Reference;
import dev.codeindexer.chunk.Symbol;
import java.util.List;
import java.util.Objects;

/**
 * The definitions and references of one indexed file, as the symbol table keeps them.
 *
 * @param path       path relative to the codebase root, {@code /}-separated
 * @param hash       the content hash they were extracted from: the same as the manifest's entry when both are current
 * @param format     {@link #FORMAT} when written; an entry of an older format lacks what this version extracts and
 *                   counts as missing, so the next run extracts it again (without embedding anything)
 * @param symbols    its definitions in source order; empty for a file without any (or without a grammar)
 * @param references the calls and type references in its code, in source order
 */
public record FileSymbols(String path, String hash, int format, List<Symbol> symbols, List<Reference> references) {
    /** 1: definitions only; 2: with references; 3: with the receivers of calls. */
    public static final int FORMAT = 3;

    public FileSymbols {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(hash, "hash");
        symbols = List.copyOf(symbols);
        references = references == null ? List.of() : List.copyOf(references);
    }

    public FileSymbols(String path, String hash, List<Symbol> symbols, List<Reference> references) {
        this(path, hash, FORMAT, symbols, references);
    }

    /** What {@code analysis} of the file's content found. */
    public static FileSymbols of(String path, String hash, FileAnalysis analysis) {
        return new FileSymbols(path, hash, analysis.symbols(), analysis.references());
    }

    /** Whether it holds everything this version extracts. */
    public boolean current() {
        return format == FORMAT;
    }
}
