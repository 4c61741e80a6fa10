package dev.codeindexer.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run of source lines into windows that each fit the token budget: greedy, preferring to cut after a blank
 * line, consecutive windows sharing a few lines, and a line too long for any window cut into pieces.
 */
final class Windower {

    /** One source line (or a piece of one) with its 1-based number. */
    record Line(int number, String text) {

        boolean isBlank() {
            return text.isBlank();
        }
    }

    /** A window's line range and its content, header included. */
    record Window(int startLine, int endLine, String content) {
    }

    private final TokenCounter counter;
    private final int maxTokens;
    private final int overlapLines;

    Windower(ChunkerOptions options) {
        this.counter = options.tokenCounter();
        this.maxTokens = options.maxTokens();
        this.overlapLines = options.overlapLines();
    }

    boolean fits(String text) {
        return counter.count(text) <= maxTokens;
    }

    /** What {@code text} costs of the budget. */
    int cost(String text) {
        return counter.count(text);
    }

    int maxTokens() {
        return maxTokens;
    }

    TokenCounter counter() {
        return counter;
    }

    /**
     * Windows over {@code lines}, each starting with {@code header} (null for none), each costing at most the
     * budget less {@code reserve} (room for a line the caller adds) unless a single piece of a line cannot be made
     * smaller.
     */
    List<Window> split(List<Line> lines, String header, int reserve) {
        String head = header == null ? null : prefixWithin(header, maxTokens / 4);
        int headerCost = head == null ? 0 : counter.count(head) + 1;
        int budget = Math.max(maxTokens / 2, maxTokens - reserve);
        int available = budget - headerCost;
        List<Line> pieces = explodeLongLines(lines, available - 1);
        int[] cost = new int[pieces.size()];
        for (int i = 0; i < cost.length; i++) {
            cost[i] = counter.count(pieces.get(i).text()) + 1;
        }
        List<Window> windows = new ArrayList<>();
        int start = 0;
        while (start < pieces.size()) {
            while (start < pieces.size() && pieces.get(start).isBlank()) {
                start++;
            }
            if (start == pieces.size()) {
                break;
            }
            int end = start;
            int used = 0;
            int afterBlank = -1;
            while (end < pieces.size() && used + cost[end] <= available) {
                used += cost[end];
                end++;
                if (pieces.get(end - 1).isBlank()) {
                    afterBlank = end;
                }
            }
            end = Math.max(end, start + 1);
            if (end < pieces.size() && afterBlank > start + (end - start) / 2) {
                end = afterBlank;
            }
            while (end > start + 1 && counter.count(render(head, pieces, start, end)) > budget) {
                end--;
            }
            int last = end;
            while (last > start + 1 && pieces.get(last - 1).isBlank()) {
                last--;
            }
            windows.add(new Window(pieces.get(start).number(), pieces.get(last - 1).number(),
                    render(head, pieces, start, last)));
            if (end >= pieces.size()) {
                break;
            }
            start = Math.max(start + 1, end - overlap(cost, end, available / 4));
        }
        return windows;
    }

    /** How many lines before {@code end} the next window repeats: up to overlapLines, within tokenLimit. */
    private int overlap(int[] cost, int end, int tokenLimit) {
        int lines = 0;
        int tokens = 0;
        while (lines < overlapLines && end - lines - 1 >= 0 && tokens + cost[end - lines - 1] <= tokenLimit) {
            tokens += cost[end - lines - 1];
            lines++;
        }
        return lines;
    }

    private static String render(String header, List<Line> pieces, int from, int to) {
        StringBuilder sb = new StringBuilder();
        if (header != null) {
            sb.append(header).append('\n');
        }
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append('\n');
            }
            sb.append(pieces.get(i).text());
        }
        return sb.toString();
    }

    private List<Line> explodeLongLines(List<Line> lines, int budget) {
        List<Line> result = new ArrayList<>(lines.size());
        for (Line line : lines) {
            String rest = line.text();
            if (counter.count(rest) <= budget) {
                result.add(line);
                continue;
            }
            while (!rest.isEmpty()) {
                String piece = prefixWithin(rest, budget);
                result.add(new Line(line.number(), piece));
                rest = rest.substring(piece.length());
            }
        }
        return result;
    }

    /**
     * The longest prefix of {@code text} costing at most {@code budget} tokens (at least one character), moved back
     * to a space when one is near, so pieces of a long line break between words.
     */
    String prefixWithin(String text, int budget) {
        if (counter.count(text) <= budget) {
            return text;
        }
        // Grow the search range first so a 50k-character line is not counted whole at every step.
        int high = Math.min(text.length(), Math.max(16, budget * 8));
        while (high < text.length() && counter.count(text.substring(0, high)) <= budget) {
            high = Math.min(text.length(), high * 2);
        }
        int low = 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (counter.count(text.substring(0, mid)) <= budget) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        int cut = low;
        int space = text.lastIndexOf(' ', cut - 1);
        if (space > cut * 4 / 5) {
            cut = space + 1;
        }
        if (cut < text.length() && Character.isLowSurrogate(text.charAt(cut)) && cut > 1) {
            cut--;
        }
        return text.substring(0, cut);
    }
}
