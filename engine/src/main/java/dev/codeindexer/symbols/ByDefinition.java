package dev.codeindexer.symbols;

import dev.codeindexer.chunk.Symbol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines grouped by their file and the innermost definition holding them (null for a file's top level), in the
 * order the groups are first seen: how {@code refs} and {@code callers} present what they find.
 */
final class ByDefinition {
    record Group(String file, Symbol owner, List<CallSite> lines) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();

    /** Adds a line to its group; a line already last in the group (two calls on one line) is kept once. */
    void add(Symbol owner, CallSite site) {
        String key = site.filePath() + "\0" + (owner == null ? "" : owner.qualifiedName() + "\0" + owner.line());
        List<CallSite> lines = groups.computeIfAbsent(key, k -> new Group(site.filePath(), owner, new ArrayList<>()))
                .lines();
        if (lines.isEmpty() || lines.getLast().line() != site.line()) {
            lines.add(site);
        }
    }

    Collection<Group> groups() {
        return groups.values();
    }
}
