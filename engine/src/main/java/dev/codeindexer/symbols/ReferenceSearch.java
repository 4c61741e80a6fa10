package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Chunker;
import dev.codeindexer.chunk.CodeMask;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.grep.Grep;
import dev.codeindexer.index.SymbolTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code refs NAME}: a whole-word {@link Grep} over the index's files, each line placed in the innermost definition
 * that holds it by the symbol table; with {@code codeOnly}, a line counts only when one of its occurrences is code
 * by the file's grammar ({@link CodeMask}), which means parsing the files that have any.
 */
final class ReferenceSearch {
    private ReferenceSearch() {
    }

    static Refs find(Path root, List<String> files, SymbolTable table, Chunker chunker, String asked,
                     boolean codeOnly, int limit) {
        String name = asked == null ? "" : asked.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("an identifier is required, e.g. parseDate or RETRY_LIMIT");
        }
        // With code only, lines are dropped after the search: look further so the limit still counts kept lines.
        Grep.Options options = new Grep.Options(name, false, false, true, 0, codeOnly ? Grep.Options.MAX : limit);
        Grep.Result result = Grep.run(root, files, options);
        Pattern pattern = Grep.compile(options);
        ByDefinition groups = new ByDefinition();
        String maskFile = null;
        CodeMask mask = null;
        int kept = 0;
        boolean truncated = result.truncated() && !codeOnly;
        for (Grep.Match m : result.matches()) {
            if (codeOnly) {
                if (!m.filePath().equals(maskFile)) {
                    maskFile = m.filePath();
                    mask = mask(root, maskFile, chunker);
                }
                if (!anyInCode(pattern, m, mask)) {
                    continue;
                }
                if (kept == limit) {
                    truncated = true;
                    break;
                }
            }
            kept++;
            List<Symbol> symbols = table.symbols(m.filePath());
            groups.add(symbols == null ? null : CallGraph.innermost(symbols, m.line()),
                    new CallSite(m.filePath(), m.line(), m.text()));
        }
        List<RefGroup> out = groups.groups().stream().map(g -> new RefGroup(g.owner(), g.file(), g.lines())).toList();
        int fileCount = (int) out.stream().map(RefGroup::file).distinct().count();
        return new Refs(name, codeOnly, out, kept, fileCount, truncated);
    }

    private static CodeMask mask(Path root, String file, Chunker chunker) {
        try {
            return chunker.codeMask(file, new String(Files.readAllBytes(root.resolve(file)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean anyInCode(Pattern pattern, Grep.Match m, CodeMask mask) {
        if (mask == null) {
            return true;
        }
        // The mask counts columns in the text without a byte-order mark; the line still has it.
        int shift = m.line() == 1 && m.text().startsWith("\uFEFF") ? 1 : 0;
        Matcher matcher = pattern.matcher(m.text());
        while (matcher.find()) {
            if (mask.isCode(m.line(), matcher.start() - shift)) {
                return true;
            }
        }
        return false;
    }
}
