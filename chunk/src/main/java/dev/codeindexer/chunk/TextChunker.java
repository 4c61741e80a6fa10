package dev.codeindexer.chunk;

import dev.codeindexer.chunk.ChunkAssembler.Unit;
import dev.codeindexer.chunk.Windower.Line;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chunks text without a grammar: the whole file as one chunk when it fits, else line windows cut at blank lines
 * where possible. Markdown is first cut into sections at its headings.
 */
final class TextChunker {

    /** An ATX heading: up to three spaces, one to six {@code #}, a space or the end, the title, optional closing #s. */
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    private TextChunker() {
    }

    static void addWindows(String path, SourceText source, ChunkAssembler out) {
        out.add(Unit.undocumented(EntityType.FILE, EntityType.WINDOW, path, null, lines(source, 1,
                source.lineCount())));
    }

    /**
     * One section per heading, running to the next heading of any level, its id the titles from the top level down
     * joined with {@code " > "}; text before the first heading is the file chunk.
     */
    static void addSections(String path, SourceText source, ChunkAssembler out) {
        List<int[]> headings = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        String fence = null;
        for (int line = 1; line <= source.lineCount(); line++) {
            String text = source.line(line);
            Matcher fenceMatch = FENCE.matcher(text);
            if (fenceMatch.find()) {
                String marker = fenceMatch.group(1);
                if (fence == null) {
                    fence = marker;
                } else if (marker.charAt(0) == fence.charAt(0) && marker.length() >= fence.length()) {
                    fence = null;
                }
                continue;
            }
            Matcher heading = fence == null ? HEADING.matcher(text) : null;
            if (heading != null && heading.matches()) {
                headings.add(new int[] {line, heading.group(1).length()});
                String title = heading.group(2) == null ? "" : heading.group(2).strip();
                titles.add(title.isEmpty() ? "(untitled)" : title);
            }
        }
        int firstHeading = headings.isEmpty() ? source.lineCount() + 1 : headings.getFirst()[0];
        out.add(Unit.undocumented(EntityType.FILE, EntityType.WINDOW, path, null, lines(source, 1, firstHeading - 1)));
        String[] open = new String[7];
        for (int i = 0; i < headings.size(); i++) {
            int start = headings.get(i)[0];
            int level = headings.get(i)[1];
            int end = i + 1 < headings.size() ? headings.get(i + 1)[0] - 1 : source.lineCount();
            open[level] = titles.get(i);
            for (int deeper = level + 1; deeper < open.length; deeper++) {
                open[deeper] = null;
            }
            String parent = null;
            for (int up = 1; up < level; up++) {
                if (open[up] != null) {
                    parent = parent == null ? open[up] : parent + " > " + open[up];
                }
            }
            String id = parent == null ? open[level] : parent + " > " + open[level];
            if (onlyHeading(source, start, end)) {
                continue;
            }
            out.add(Unit.undocumented(EntityType.SECTION, EntityType.SECTION, id, parent, lines(source, start, end)));
        }
    }

    /** A heading straight followed by another says nothing the next section's id does not. */
    private static boolean onlyHeading(SourceText source, int start, int end) {
        for (int line = start + 1; line <= end; line++) {
            if (!source.line(line).isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static List<Line> lines(SourceText source, int from, int to) {
        List<Line> lines = new ArrayList<>(Math.max(0, to - from + 1));
        for (int line = from; line <= to; line++) {
            lines.add(new Line(line, source.line(line)));
        }
        return lines;
    }
}
