package dev.codeindexer.symbols;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.codeindexer.chunk.Symbol;

/** A symbol found for a name, with how it matched; serialized as the symbol's fields plus {@code match}. */
@JsonPropertyOrder({"match"})
public record SymbolMatch(MatchKind match, @JsonUnwrapped Symbol symbol) {
}
