/**
 * Cuts source files into {@link dev.codeindexer.chunk.Chunk}s for embedding: {@link dev.codeindexer.chunk.Chunker}
 * is the entry point; {@link dev.codeindexer.chunk.LanguageDetector} tells languages apart. Per-language entity rules
 * are data in {@code LanguageSpecs}; everything else here is shared by all languages.
 */
package dev.codeindexer.chunk;
