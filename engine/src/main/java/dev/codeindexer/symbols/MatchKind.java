package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a symbol matched the name asked for; the tiers are listed in this order. */
public enum MatchKind {
    /** The simple name, the qualified name, or a trailing part of it ({@code Point.norm}) exactly. */
    EXACT,
    /** The name starts with what was asked, ignoring case. */
    PREFIX,
    /** Within a few edits of what was asked, or holding its letters in order. */
    FUZZY;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
