package dev.codeindexer.server.mcp;

import dev.codeindexer.chunk.TokenCounter;
import dev.codeindexer.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a tool's answer to the caller's {@code max_tokens}: whole items (a search hit, a line of a listing) from
 * {@code offset} on while they fit, and then a last line saying what was shown and the {@code offset} that gets
 * the rest. Tokens are counted with the chunker's heuristic (about a token per 4 characters of a word, one per
 * symbol), which errs high for code, so an answer stays within what the agent asked for.
 */
final class Paging {
    static final int DEFAULT_MAX_TOKENS = 8000;
    static final int MIN_MAX_TOKENS = 100;
    static final int MAX_MAX_TOKENS = 100_000;
    private static final TokenCounter TOKENS = TokenCounter.heuristic();

    private Paging() {
    }

    /**
     * @param lead  the answer's first line, always shown
     * @param items what to page through, in order
     * @param unit  what an item is called, plural ("results", "lines")
     * @return the lead, the items shown, and a note when the answer was cut or started at an offset
     * @throws InvalidInputException when {@code offset} is past the last item
     */
    static List<String> page(String lead, List<String> items, int offset, int maxTokens, String unit) {
        if (offset > 0 && offset >= items.size()) {
            throw new InvalidInputException("offset " + offset + " is past the end: the answer has " + items.size()
                    + " " + unit);
        }
        List<String> out = new ArrayList<>();
        out.add(lead);
        int used = TOKENS.count(lead);
        int end = offset;
        while (end < items.size()) {
            String item = items.get(end);
            int cost = TOKENS.count(item);
            if (end > offset && used + cost > maxTokens) {
                break;
            }
            if (end == offset && used + cost > maxTokens) {
                // One item alone is over the budget: show its start rather than nothing.
                out.add(head(item, maxTokens - used) + "\n[this item was cut to fit max_tokens]");
                end++;
                break;
            }
            out.add(item);
            used += cost;
            end++;
        }
        if (end < items.size()) {
            out.add("[cut at max_tokens=" + maxTokens + ": showed " + unit + " " + (offset + 1) + "-" + end + " of "
                    + items.size() + "; call again with offset=" + end + " for the next]");
        } else if (offset > 0) {
            out.add("[" + unit + " " + (offset + 1) + "-" + end + " of " + items.size() + ": the end]");
        }
        return out;
    }

    /** The longest run of whole lines of {@code text} within {@code tokens}. */
    private static String head(String text, int tokens) {
        StringBuilder s = new StringBuilder();
        int used = 0;
        for (String line : text.split("\n", -1)) {
            int cost = TOKENS.count(line);
            if (used + cost > tokens) {
                break;
            }
            s.append(line).append('\n');
            used += cost;
        }
        return s.toString().stripTrailing();
    }
}
