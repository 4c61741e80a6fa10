package dev.codeindexer.search;

import dev.codeindexer.index.FileEntry;
import dev.codeindexer.index.IndexLocation;
import dev.codeindexer.search.SearchHit.Excerpt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Gives each hit the code of its whole entity, read from the file, instead of the window the store ranked: the
 * range a person opens or an agent reads must hold the declaration, not only (say) the Javadoc examples of a long
 * method. A file that changed since it was indexed keeps the stored text, which is what the ranges describe.
 */
final class EntityCode {
    /** Entities up to this many lines are shown whole. */
    static final int WHOLE_LINES = 60;
    /** Of a longer entity: the matched part, at most this many lines. */
    static final int MATCH_LINES = 40;
    /** Doc lines kept above the signature of a long entity (its summary). */
    static final int DOC_SUMMARY_LINES = 3;
    /** How far into an entity its signature is looked for (past doc comments and annotations). */
    private static final int SIGNATURE_SEARCH_LINES = 60;
    /** The longest declaration kept whole in the signature part. */
    static final int SIGNATURE_MAX_LINES = 8;

    private final Path root;
    private final Function<String, FileEntry> indexed;

    /**
     * @param root    the indexed codebase's root
     * @param indexed the manifest's entry for a path, whose hash tells whether the file is still what was indexed
     */
    EntityCode(Path root, Function<String, FileEntry> indexed) {
        this.root = root;
        this.indexed = indexed;
    }

    List<SearchHit> apply(List<SearchHit> hits) {
        Map<String, List<String>> files = new HashMap<>();
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit hit : hits) {
            List<String> lines = files.computeIfAbsent(hit.filePath(), this::currentLines);
            out.add(lines == null || hit.endLine() > lines.size() ? hit : shown(hit, lines));
        }
        return out;
    }

    /** The file's lines when it is still the content that was indexed, else null. */
    private List<String> currentLines(String path) {
        FileEntry entry = indexed.apply(path);
        if (entry == null) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(root.resolve(path));
            if (!IndexLocation.sha256(bytes).equals(entry.hash())) {
                return null;
            }
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException | RuntimeException e) {
            return null; // gone or unreadable: the stored chunk is still a faithful answer
        }
    }

    static SearchHit shown(SearchHit hit, List<String> lines) {
        List<Excerpt> parts = excerpts(hit, lines);
        StringBuilder content = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            if (p > 0) {
                content.append(SearchHit.GAP).append('\n');
            }
            for (long n = parts.get(p).startLine(); n <= parts.get(p).endLine(); n++) {
                content.append(lines.get((int) n - 1)).append('\n');
            }
        }
        return hit.withContent(content.toString(), parts);
    }

    /** The whole entity, or its doc summary and signature, then the matched part, as merged line ranges. */
    static List<Excerpt> excerpts(SearchHit hit, List<String> lines) {
        long start = hit.startLine();
        long end = hit.endLine();
        if (end - start + 1 <= WHOLE_LINES) {
            return List.of(new Excerpt(start, end));
        }
        long signature = signatureLine(lines, start, end);
        long signatureEnd = signatureEnd(lines, signature, end);
        List<Excerpt> parts = new ArrayList<>();
        if (signature - start + 1 <= DOC_SUMMARY_LINES + 1) {
            parts.add(new Excerpt(start, signatureEnd));
        } else {
            parts.add(new Excerpt(start, start + DOC_SUMMARY_LINES - 1));
            parts.add(new Excerpt(signature, signatureEnd));
        }
        long from = Math.max(Math.max(hit.matchStartLine(), start), signatureEnd + 1);
        long to = Math.min(Math.min(hit.matchEndLine(), end), from + MATCH_LINES - 1);
        if (from <= to) {
            parts.add(new Excerpt(from, to));
        }
        return merged(parts);
    }

    /** The first line of the entity that is neither blank, a comment nor an annotation: its declaration. */
    static long signatureLine(List<String> lines, long start, long end) {
        for (long n = start; n <= Math.min(end, start + SIGNATURE_SEARCH_LINES); n++) {
            String s = lines.get((int) n - 1).strip();
            if (!s.isEmpty() && !s.startsWith("/*") && !s.startsWith("*") && !s.startsWith("//")
                    && !s.startsWith("#") && !s.startsWith("@") && !s.startsWith("--")) {
                return n;
            }
        }
        return start;
    }

    /**
     * The last line of a declaration that spans several ({@code def f(\n a,\n b):}, a Java signature wrapped
     * before its {@code throws}): the first line from {@code signature} on that opens the body or ends the
     * declaration, within {@value #SIGNATURE_MAX_LINES} lines.
     */
    static long signatureEnd(List<String> lines, long signature, long end) {
        for (long n = signature; n <= Math.min(end, signature + SIGNATURE_MAX_LINES - 1); n++) {
            String s = lines.get((int) n - 1).strip();
            if (s.contains("{") || s.endsWith(":") || s.endsWith(";") || s.endsWith("=>")) {
                return n;
            }
        }
        return signature;
    }

    private static List<Excerpt> merged(List<Excerpt> parts) {
        List<Excerpt> out = new ArrayList<>();
        for (Excerpt e : parts) {
            Excerpt last = out.isEmpty() ? null : out.getLast();
            if (last != null && e.startLine() <= last.endLine() + 1) {
                out.set(out.size() - 1, new Excerpt(last.startLine(), Math.max(last.endLine(), e.endLine())));
            } else {
                out.add(e);
            }
        }
        return out;
    }
}
