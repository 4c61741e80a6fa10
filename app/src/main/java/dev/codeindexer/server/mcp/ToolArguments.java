package dev.codeindexer.server.mcp;

import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.store.InvalidFilterException;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.FilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A tool call's arguments, read one by one with messages that name the argument and what it must be. */
final class ToolArguments {
    private final String tool;
    private final Map<String, Object> args;

    ToolArguments(String tool, Map<String, Object> args, Set<String> known) {
        this.tool = tool;
        this.args = args == null ? Map.of() : args;
        for (String name : this.args.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidInputException(tool + " has no argument '" + name + "'; it takes "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    String string(String name, boolean required) {
        Object v = args.get(name);
        if (v == null) {
            if (required) {
                throw new InvalidInputException(tool + " needs the argument '" + name + "'");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidInputException(tool + ": '" + name + "' must be a string, got " + v);
        }
        if (required && s.isBlank()) {
            throw new InvalidInputException(tool + ": '" + name + "' must not be empty");
        }
        return s;
    }

    boolean bool(String name, boolean defaultValue) {
        Object v = args.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidInputException(tool + ": '" + name + "' must be true or false, got " + v);
        }
        return b;
    }

    int integer(String name, int defaultValue, int min, int max) {
        Object v = args.get(name);
        if (v == null) {
            return defaultValue;
        }
        // JSON numbers arrive as Integer, Long or Double; 5.0 is accepted as 5, 5.5 is not.
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.doubleValue() < min || n.doubleValue() > max) {
            throw new InvalidInputException(tool + ": '" + name + "' must be a whole number from " + min + " to "
                    + max + ", got " + v);
        }
        return n.intValue();
    }

    /** A metadata filter in the flat or structured map form (see {@link FilterParser}); null when absent. */
    Filter filter(String name) {
        Object v = args.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new InvalidInputException(tool + ": '" + name + "' must be an object such as {\"language\": \"python\"}"
                    + " or {\"operator\": \"and\", \"conditions\": [...]}, got " + v);
        }
        try {
            return FilterParser.parse(m);
        } catch (InvalidFilterException e) {
            throw new InvalidInputException(tool + ": '" + name + "': " + e.getMessage());
        }
    }

    /** A list of non-blank strings; a single string is taken as a list of one, as agents often send it. */
    List<String> strings(String name, int max) {
        Object v = args.get(name);
        if (v == null) {
            return List.of();
        }
        List<?> raw = v instanceof String s ? List.of(s) : v instanceof List<?> l ? l : null;
        if (raw == null) {
            throw new InvalidInputException(tool + ": '" + name + "' must be an array of strings, got " + v);
        }
        if (raw.size() > max) {
            throw new InvalidInputException(tool + ": '" + name + "' has " + raw.size() + " entries; at most " + max);
        }
        List<String> out = new ArrayList<>();
        for (Object e : raw) {
            if (!(e instanceof String s) || s.isBlank()) {
                throw new InvalidInputException(tool + ": '" + name + "' must hold non-empty strings, got " + e);
            }
            out.add(s);
        }
        return out;
    }
}
