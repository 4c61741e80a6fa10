package dev.codeindexer.search;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A hit of a search across several codebases: the hit, and the codebase (its root, absolute) whose index it came
 * from. In JSON the hit's fields sit beside {@code codebase}.
 */
public record CodebaseHit(String codebase, @JsonUnwrapped SearchHit hit) {
}
