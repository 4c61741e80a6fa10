/**
 * Answers from the symbol table the indexer keeps ({@link dev.codeindexer.index.SymbolTable}): definitions by
 * name ({@link dev.codeindexer.symbols.SymbolFinder}) and a file's outline
 * ({@link dev.codeindexer.symbols.Outline}). {@link dev.codeindexer.symbols.SymbolIndex} is the entry point.
 */
package dev.codeindexer.symbols;
