package dev.codeindexer.chunk;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A use of a name in a file's code, as the grammar shows it: a call (or an instantiation, {@code new Foo()}), or a
 * reference to a type. What {@code callers}, {@code callees} and the repository map are built from. Kept as an
 * array in the symbol table ({@code ["parseDate", 12, "call", "DateUtils"]}): a large codebase has hundreds of
 * thousands of them.
 *
 * @param name     the simple name used ({@code parseDate} in {@code DateUtils.parseDate(s)})
 * @param line     the line of the name, 1-based
 * @param kind     a call or a type reference
 * @param receiver for a call, what it is called on: null for none ({@code parseDate(s)}), the identifier
 *                 ({@code DateUtils}, {@code this}, {@code self}, {@code s}) or a dotted name's last part
 *                 ({@code C} in {@code a.b.C.parse()}), or empty for any other expression ({@code f().parse()})
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"name", "line", "kind", "receiver"})
public record Reference(String name, int line, Kind kind, String receiver) {

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

    /** A call without a receiver, or a type reference. */
    public Reference(String name, int line, Kind kind) {
        this(name, line, kind, null);
    }

    /** Whether the receiver names a type or a module ({@code String}, {@code DateUtils}) by the usual casing. */
    public boolean receiverIsTypeLike() {
        return receiver != null && !receiver.isEmpty() && Character.isUpperCase(receiver.charAt(0));
    }

    /** Whether the call is on the object itself or has no receiver: {@code parse()}, {@code this.parse()}. */
    public boolean onSelf() {
        return receiver == null || receiver.equals("this") || receiver.equals("self") || receiver.equals("super")
                || receiver.equals("$this") || receiver.equals("static") || receiver.equals("cls");
    }

    public Reference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (line < 1) {
            throw new IllegalArgumentException("bad line " + line + " for " + name);
        }
        // A large codebase's symbol table holds hundreds of thousands of references in memory, and their names and
        // receivers are a few thousand words repeated (String, get, this): one copy of each, not one per use.
        name = name.intern();
        receiver = receiver == null ? null : receiver.intern();
    }
}
