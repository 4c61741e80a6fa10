package dev.codeindexer.chunk;

import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.treesitter.TSLanguage;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;

/**
 * Loaded grammars and a pool of idle parsers per language. A parser is used by one thread at a time and goes back to
 * the pool afterwards, so each thread effectively reuses one parser instead of creating one per file; grammars are
 * immutable and shared. Everything native is released by {@link #close()}.
 */
final class Grammars implements AutoCloseable {

    private final Map<Language, TSLanguage> loaded = new ConcurrentHashMap<>();
    private final Map<Language, Queue<TSParser>> idle = new ConcurrentHashMap<>();
    /** Each grammar's reference query; {@link Optional#empty()} when none of its patterns compiles. */
    private final Map<Language, Optional<TSQuery>> referenceQueries = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Runs {@code work} with a parser set to {@code spec}'s grammar. */
    <T> T withParser(LanguageSpec spec, Function<TSParser, T> work) {
        if (closed) {
            throw new IllegalStateException("the chunker is closed");
        }
        Queue<TSParser> queue = idle.computeIfAbsent(spec.language(), l -> new ConcurrentLinkedQueue<>());
        TSParser parser = queue.poll();
        if (parser == null) {
            parser = newParser(spec);
        }
        try {
            return work.apply(parser);
        } finally {
            queue.offer(parser);
            if (closed) {
                closeIdle();
            }
        }
    }

    /**
     * The {@link ReferenceQueries} query for {@code spec}'s grammar, compiled on first use and shared: a tree-sitter
     * query is immutable, each use runs it with a cursor of its own. Null when the grammar has none.
     */
    TSQuery referenceQuery(LanguageSpec spec) {
        return referenceQueries.computeIfAbsent(spec.language(),
                l -> Optional.ofNullable(ReferenceQueries.compile(spec, grammar(spec)))).orElse(null);
    }

    /** {@code spec}'s grammar, loaded on first use. */
    private TSLanguage grammar(LanguageSpec spec) {
        return loaded.computeIfAbsent(spec.language(), l -> load(spec));
    }

    private TSParser newParser(LanguageSpec spec) {
        TSLanguage grammar = grammar(spec);
        TSParser parser = new TSParser();
        if (!parser.setLanguage(grammar)) {
            parser.close();
            throw new ChunkerException("the tree-sitter grammar for " + spec.language() + " has ABI version "
                    + grammar.abiVersion() + ", which the tree-sitter runtime (ABI "
                    + TSParser.TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION + ".."
                    + TSParser.TREE_SITTER_LANGUAGE_VERSION + ") cannot load; align the io.github.bonede versions");
        }
        return parser;
    }

    private static TSLanguage load(LanguageSpec spec) {
        try {
            return spec.grammar().get();
        } catch (LinkageError | RuntimeException e) {
            throw new ChunkerException("cannot load the tree-sitter grammar for " + spec.language() + " on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + "; the io.github.bonede jars ship native libraries for linux, macos and windows on x86_64 and "
                    + "aarch64 only", e);
        }
    }

    private void closeIdle() {
        for (Queue<TSParser> queue : idle.values()) {
            for (TSParser parser = queue.poll(); parser != null; parser = queue.poll()) {
                parser.close();
            }
        }
    }

    /** Closes idle parsers now and busy ones when their work ends; then releases the grammars. */
    @Override
    public void close() {
        closed = true;
        closeIdle();
        referenceQueries.values().forEach(q -> q.ifPresent(TSQuery::close));
        referenceQueries.clear();
        loaded.values().forEach(TSLanguage::close);
        loaded.clear();
    }
}
