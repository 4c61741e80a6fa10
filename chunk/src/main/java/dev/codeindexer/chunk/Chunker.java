package dev.codeindexer.chunk;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.treesitter.TSNode;
import org.treesitter.TSQuery;
import org.treesitter.TSTree;

/**
 * Cuts one file's text into {@link Chunk}s: entities via tree-sitter for languages with a grammar, sections for
 * Markdown, line windows for everything else. Thread-safe: call {@link #chunk} from as many threads as you like;
 * parsers are pooled and reused. Malformed input (syntax errors, invalid text, huge lines) still yields chunks and
 * never throws; only a grammar that cannot be loaded raises {@link ChunkerException}. Close it to free the native
 * parsers, after every call has returned.
 */
public final class Chunker implements AutoCloseable {

    /**
     * Changes whenever the chunks produced for the same input change (rules, ids, content layout), so an index
     * built by another version is known to be stale. Part of {@link #fingerprint()}.
     */
    public static final String CHUNKER_VERSION = "3";

    /** Lines longer than this are "long" for the minified-file check. */
    private static final int LONG_LINE_CHARS = 1000;

    private static final Logger log = LoggerFactory.getLogger(Chunker.class);

    private final ChunkerOptions options;
    private final Windower windower;
    private final Grammars grammars = new Grammars();

    private Chunker(ChunkerOptions options) {
        this.options = options;
        this.windower = new Windower(options);
    }

    /** A chunker with the given options; loads nothing until a file of a language needs its grammar. */
    public static Chunker create(ChunkerOptions options) {
        return new Chunker(Objects.requireNonNull(options, "options"));
    }

    public static Chunker create() {
        return create(ChunkerOptions.defaults());
    }

    public ChunkerOptions options() {
        return options;
    }

    /**
     * What the chunks depend on besides the input: {@link #CHUNKER_VERSION}, the budget, the overlap and the token
     * counter. Store it with the index; a different value means the index must be rebuilt.
     */
    public String fingerprint() {
        return "chunker=" + CHUNKER_VERSION + ";maxTokens=" + options.maxTokens() + ";overlapLines="
                + options.overlapLines() + ";tokens=" + options.tokenCounter().id();
    }

    /**
     * Chunks a file, telling its language from the path and content.
     *
     * @param relPath path relative to the repository root ({@code \} is taken as {@code /})
     * @param content the file's text; empty or blank text yields no chunks
     */
    public List<Chunk> chunk(String relPath, String content) {
        Objects.requireNonNull(relPath, "relPath");
        Objects.requireNonNull(content, "content");
        return chunk(relPath, content, LanguageDetector.detect(relPath, content));
    }

    /** Chunks a file as {@code language}, whatever its name says. */
    public List<Chunk> chunk(String relPath, String content, Language language) {
        return analyze(relPath, content, language, false).chunks();
    }

    /**
     * Chunks a file, telling its language from the path and content, and lists its definitions from the same
     * parse: every function, method, constructor and type, nested ones included, and the calls and type references
     * in its code. The chunks are those of {@link #chunk(String, String)}. A file without a grammar, or one that
     * looks minified, has no symbols and no references.
     */
    public FileAnalysis analyze(String relPath, String content) {
        Objects.requireNonNull(relPath, "relPath");
        Objects.requireNonNull(content, "content");
        return analyze(relPath, content, LanguageDetector.detect(relPath, content), true);
    }

    private FileAnalysis analyze(String relPath, String content, Language language, boolean withSymbols) {
        Objects.requireNonNull(relPath, "relPath");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(language, "language");
        String path = normalizePath(relPath);
        SourceText source = SourceText.of(content);
        if (source.isBlank()) {
            return new FileAnalysis(List.of(), List.of(), List.of());
        }
        LanguageSpec spec = LanguageSpecs.of(language);
        if (spec != null && !looksMinified(source)) {
            Parsed parsed = parse(spec, source, path, withSymbols);
            if (parsed != null) {
                ChunkAssembler out = new ChunkAssembler(path, language, windower);
                CodeChunker.addUnits(path, source, parsed.entities(), out);
                return new FileAnalysis(out.chunks(), parsed.symbols(), parsed.references());
            }
        }
        ChunkAssembler out = new ChunkAssembler(path, language, windower);
        if (language == Language.MARKDOWN) {
            TextChunker.addSections(path, source, out);
        } else {
            TextChunker.addWindows(path, source, out);
        }
        return new FileAnalysis(out.chunks(), List.of(), List.of());
    }

    /**
     * Where the file's code is, apart from its comments and string literals, by the grammar its path and content
     * tell; none for Markdown and plain text; all code for another file without a grammar or one that looks
     * minified.
     */
    public CodeMask codeMask(String relPath, String content) {
        Objects.requireNonNull(relPath, "relPath");
        Objects.requireNonNull(content, "content");
        SourceText source = SourceText.of(content);
        Language language = LanguageDetector.detect(relPath, content);
        if (language == Language.MARKDOWN || language == Language.TEXT) {
            return CodeMask.noCode();
        }
        LanguageSpec spec = LanguageSpecs.of(language);
        if (source.isBlank() || spec == null || looksMinified(source)) {
            return CodeMask.allCode();
        }
        TSQuery query = grammars.referenceQuery(spec);
        if (query == null) {
            return CodeMask.allCode();
        }
        CodeMask mask = withTree(spec, source, root -> new CodeMask(source,
                ReferenceFinder.find(query, root, source, List.of()).textRanges()));
        return mask == null ? CodeMask.allCode() : mask;
    }

    private record Parsed(List<Entity> entities, List<Symbol> symbols, List<Reference> references) {
    }

    /** The file's entities and symbols, or null when tree-sitter gave no tree (then the file is chunked as text). */
    private Parsed parse(LanguageSpec spec, SourceText source, String path, boolean withSymbols) {
        Parsed parsed = withTree(spec, source, root -> {
            EntityExtractor extractor = new EntityExtractor(spec, source, path, withSymbols);
            List<Entity> entities = extractor.extract(root);
            List<Symbol> symbols = extractor.symbols();
            TSQuery query = withSymbols ? grammars.referenceQuery(spec) : null;
            List<Reference> references = query == null ? List.of()
                    : ReferenceFinder.find(query, root, source, symbols).references();
            return new Parsed(entities, symbols, references);
        });
        if (parsed == null) {
            log.warn("tree-sitter returned no tree for {}; chunking it as plain text", path);
        }
        return parsed;
    }

    /** {@code work} on the root of the file's syntax tree, with a pooled parser; null when tree-sitter gives none. */
    private <T> T withTree(LanguageSpec spec, SourceText source, Function<TSNode, T> work) {
        return grammars.withParser(spec, parser -> {
            try (TSTree tree = parser.parseString(null, source.text())) {
                return tree == null ? null : work.apply(tree.getRootNode());
            }
        });
    }

    /**
     * Whether {@code content} looks minified (most of it on lines over {@value #LONG_LINE_CHARS} characters): it is
     * then chunked as plain windows, without symbols.
     */
    public static boolean looksMinified(String content) {
        return looksMinified(SourceText.of(content));
    }

    /**
     * Minified or generated one-line files: entity chunks would each repeat the same huge line, so windows over
     * its characters serve search better.
     */
    private static boolean looksMinified(SourceText source) {
        long longChars = 0;
        for (int line = 1; line <= source.lineCount(); line++) {
            int length = source.line(line).length();
            if (length > LONG_LINE_CHARS) {
                longChars += length;
            }
        }
        return longChars * 2 > source.text().length();
    }

    private static String normalizePath(String relPath) {
        String path = relPath.replace('\\', '/');
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path;
    }

    /** Frees the pooled native parsers and grammars. */
    @Override
    public void close() {
        grammars.close();
    }
}
