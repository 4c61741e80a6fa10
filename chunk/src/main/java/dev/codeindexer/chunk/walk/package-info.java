/**
 * Walking a repository: {@link dev.codeindexer.chunk.walk.RepositoryWalker} yields the files worth indexing and a
 * {@link dev.codeindexer.chunk.walk.Skip} for each path it passed over, honouring gitignore rules, built-in
 * exclusions, size and binary checks, and symbolic links without loops.
 */
package dev.codeindexer.chunk.walk;
