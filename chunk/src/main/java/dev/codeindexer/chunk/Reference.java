package dev.codeindexer.chunk;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A use of a name in a file's code, as the grammar shows it: a call (or an instantiation, {@code new Foo()}), or a
 * reference to a type. What {@code callers}, {@code callees} and the repository map are built from. Kept as a
 * three-element array in the symbol table ({@code ["parseDate", 12, "call"]}): a large codebase has hundreds of
 * thousands of them.
 *
 * @param name the simple name used ({@code parseDate} in {@code DateUtils.parseDate(s)})
 * @param line the line of the name, 1-based
 * @param kind a call or a type reference
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"name", "line", "kind"})
public record Reference(String name, int line, Kind kind) {

    public enum Kind {
        CALL("call"),
        TYPE("type");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        @JsonValue
        public String id() {
            return id;
        }
    }

    public Reference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (line < 1) {
            throw new IllegalArgumentException("bad line " + line + " for " + name);
        }
    }
}
