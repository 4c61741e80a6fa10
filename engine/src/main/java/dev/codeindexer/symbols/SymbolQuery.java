package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Language;
import dev.codeindexer.chunk.SymbolKind;
import dev.codeindexer.error.InvalidInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A lookup by name, as {@code symbols NAME}, {@code GET /api/symbols} and {@code find_symbol} ask it.
 *
 * @param name      a simple name ({@code isBlank}), a qualified one ({@code StringUtils.isBlank}, {@code ::} and
 *                  {@code #} taken as {@code .}) or the start of one
 * @param kinds     only these kinds; empty for all
 * @param languages only these languages; empty for all
 * @param limit     the most matches to return
 */
public record SymbolQuery(String name, Set<SymbolKind> kinds, Set<Language> languages, int limit) {
    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 20;
    static final int MAX_NAME_CHARS = 500;

    public SymbolQuery {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("a symbol name is required, e.g. parseDate or StringUtils.isBlank");
        }
        name = name.strip().replace("::", ".").replace('#', '.');
        if (name.length() > MAX_NAME_CHARS) {
            throw new InvalidInputException("the symbol name is " + name.length() + " characters long; at most "
                    + MAX_NAME_CHARS);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("the limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        languages = languages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(languages));
    }

    /**
     * A query from words a user typed.
     *
     * @throws InvalidInputException for an unknown kind or language, naming the known ones
     */
    public static SymbolQuery of(String name, List<String> kinds, List<String> languages, int limit) {
        return new SymbolQuery(name, kinds(kinds), languages(languages), limit);
    }

    /**
     * Filters alone, to list every definition they pass ({@link SymbolIndex#all}).
     *
     * @throws InvalidInputException for an unknown kind or language
     */
    public static SymbolQuery filters(List<String> kinds, List<String> languages) {
        return new SymbolQuery("*", kinds(kinds), languages(languages), MAX_LIMIT);
    }

    static Set<SymbolKind> kinds(List<String> ids) {
        Set<SymbolKind> set = EnumSet.noneOf(SymbolKind.class);
        for (String id : ids) {
            try {
                set.add(SymbolKind.fromId(id.strip()));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown symbol kind '" + id + "'; known: "
                        + Arrays.stream(SymbolKind.values()).map(SymbolKind::id).toList());
            }
        }
        return set;
    }

    static Set<Language> languages(List<String> ids) {
        Set<Language> set = EnumSet.noneOf(Language.class);
        for (String id : ids) {
            Language language;
            try {
                language = Language.fromId(id.strip());
            } catch (IllegalArgumentException e) {
                language = null;
            }
            if (language == null || !language.hasGrammar()) {
                throw new InvalidInputException("unknown language '" + id + "' for symbols; known: "
                        + Arrays.stream(Language.values()).filter(Language::hasGrammar).map(Language::id).toList());
            }
            set.add(language);
        }
        return set;
    }
}
