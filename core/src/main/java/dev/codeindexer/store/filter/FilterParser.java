package dev.codeindexer.store.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeindexer.store.InvalidFilterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads filters written as maps (from YAML, JSON or an HTTP request) in either of two forms.
 *
 * <p><b>Flat:</b> every key is a field, all must match: {@code {"language": "java", "entity_type": ["class",
 * "method"], "start_line": {"gte": 10, "lt": 20}}}. A scalar is {@code eq}, a list is {@code in}, a map holds
 * operators ({@code eq, ne, in, gt, gte, lt, lte}).
 *
 * <p><b>Structured:</b> {@code {"operator": "and", "conditions": [{"operator": "eq", "field": "language",
 * "value": "java"}, {"operator": "range", "field": "start_line", "value": {"gte": 10}}]}}, with operators
 * {@code eq, ne, in, gt, gte, lt, lte, range, and, or, not}. A map is structured when it has an {@code operator}
 * key.
 */
public final class FilterParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPERATORS =
            List.of("eq", "ne", "in", "gt", "gte", "lt", "lte", "range", "and", "or", "not");

    private FilterParser() {
    }

    /** Parses a JSON object in either form; blank input means no filter (null). */
    public static Filter parseJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            Object tree = JSON.readValue(json, Object.class);
            if (!(tree instanceof Map<?, ?> map)) {
                throw new InvalidFilterException("a filter must be a JSON object, got: " + json);
            }
            return parse(map);
        } catch (JsonProcessingException e) {
            throw new InvalidFilterException("filter is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Parses a map in either form; an empty map means no filter (null). */
    public static Filter parse(Map<?, ?> map) {
        if (map == null || map.isEmpty()) {
            return null;
        }
        return map.containsKey("operator") ? structured(map) : flat(map);
    }

    private static Filter flat(Map<?, ?> map) {
        List<Filter> all = new ArrayList<>();
        for (var e : map.entrySet()) {
            String field = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (value instanceof List<?> list) {
                all.add(Filters.in(field, list));
            } else if (value instanceof Map<?, ?> ops) {
                ops.forEach((op, v) -> all.add(comparison(String.valueOf(op), field, v)));
            } else {
                all.add(Filters.eq(field, value));
            }
        }
        return all.size() == 1 ? all.getFirst() : Filters.and(all);
    }

    private static Filter structured(Map<?, ?> map) {
        String op = String.valueOf(map.get("operator")).toLowerCase(Locale.ROOT);
        return switch (op) {
            case "and" -> Filters.and(conditions(map, op));
            case "or" -> Filters.or(conditions(map, op));
            case "not" -> {
                List<Filter> inner = conditions(map, op);
                yield Filters.not(inner.size() == 1 ? inner.getFirst() : Filters.and(inner));
            }
            case "range" -> {
                if (!(map.get("value") instanceof Map<?, ?> bounds)) {
                    throw new InvalidFilterException("'range' needs a value like {\"gte\": 1, \"lt\": 10}");
                }
                Filter.Range r = Filters.range(field(map, op));
                for (var b : bounds.entrySet()) {
                    r = bound(r, String.valueOf(b.getKey()), b.getValue());
                }
                yield r;
            }
            default -> comparison(op, field(map, op), map.containsKey("value") ? map.get("value") : map.get("values"));
        };
    }

    private static Filter comparison(String op, String field, Object value) {
        return switch (op.toLowerCase(Locale.ROOT)) {
            case "eq" -> Filters.eq(field, value);
            case "ne" -> Filters.ne(field, value);
            case "in" -> {
                if (!(value instanceof List<?> list)) {
                    throw new InvalidFilterException("'in' on field '" + field + "' needs a list of values");
                }
                yield Filters.in(field, list);
            }
            case "gt", "gte", "lt", "lte" -> bound(Filters.range(field), op, value);
            default -> throw new InvalidFilterException("unknown filter operator '" + op + "'; use one of " + OPERATORS);
        };
    }

    private static Filter.Range bound(Filter.Range r, String op, Object value) {
        return switch (op.toLowerCase(Locale.ROOT)) {
            case "gt" -> r.gt(value);
            case "gte" -> r.gte(value);
            case "lt" -> r.lt(value);
            case "lte" -> r.lte(value);
            default -> throw new InvalidFilterException("unknown range bound '" + op + "' on field '" + r.field()
                    + "'; use gt, gte, lt or lte");
        };
    }

    private static String field(Map<?, ?> map, String op) {
        if (!(map.get("field") instanceof String field)) {
            throw new InvalidFilterException("'" + op + "' needs a \"field\" naming a metadata field");
        }
        return field;
    }

    private static List<Filter> conditions(Map<?, ?> map, String op) {
        Object raw = map.containsKey("conditions") ? map.get("conditions") : map.get("condition");
        List<?> list = raw instanceof List<?> l ? l : raw instanceof Map<?, ?> m ? List.of(m) : null;
        if (list == null || list.isEmpty()) {
            throw new InvalidFilterException("'" + op + "' needs \"conditions\": a list of filters");
        }
        List<Filter> out = new ArrayList<>();
        for (Object c : list) {
            if (!(c instanceof Map<?, ?> m) || m.isEmpty()) {
                throw new InvalidFilterException("each condition of '" + op + "' must be a non-empty object, got " + c);
            }
            out.add(parse(m));
        }
        return out;
    }
}
