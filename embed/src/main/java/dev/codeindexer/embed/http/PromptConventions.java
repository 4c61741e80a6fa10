package dev.codeindexer.embed.http;

import java.util.Locale;

/**
 * Query and document prefixes that well-known served models were trained with; applied unless the config sets its
 * own. Matching is by name fragment, because servers spell names differently ({@code nomic-embed-text:v1.5},
 * {@code nomic-ai/nomic-embed-text-v1.5}).
 */
record PromptConventions(String queryPrefix, String documentPrefix) {
    private static final String BGE_QUERY = "Represent this sentence for searching relevant passages: ";

    static PromptConventions of(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        if (m.contains("nomic-embed-text")) {
            return new PromptConventions("search_query: ", "search_document: ");
        }
        if (m.contains("mxbai-embed-large") || m.contains("snowflake-arctic-embed") || m.contains("bge-small-en")
                || m.contains("bge-base-en") || m.contains("bge-large-en")) {
            return new PromptConventions(BGE_QUERY, "");
        }
        if (m.contains("e5-")) {
            return new PromptConventions("query: ", "passage: ");
        }
        return new PromptConventions("", "");
    }
}
