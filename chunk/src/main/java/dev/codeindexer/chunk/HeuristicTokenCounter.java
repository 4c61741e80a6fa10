package dev.codeindexer.chunk;

/** See {@link TokenCounter#heuristic()}. */
final class HeuristicTokenCounter implements TokenCounter {

    static final HeuristicTokenCounter INSTANCE = new HeuristicTokenCounter();

    private HeuristicTokenCounter() {
    }

    @Override
    public int count(CharSequence text) {
        int tokens = 0;
        int run = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_') {
                run++;
                continue;
            }
            tokens += (run + 3) / 4;
            run = 0;
            if (!Character.isWhitespace(c)) {
                tokens++;
            }
        }
        return tokens + (run + 3) / 4;
    }

    @Override
    public String id() {
        return "heuristic-v1";
    }
}
