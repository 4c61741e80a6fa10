package dev.codeindexer.chunk;

/** Turns names as written in source into the parts of qualified entity ids, which are {@code .}-separated. */
final class Names {

    private Names() {
    }

    /**
     * A source name as an id part: generics dropped ({@code Box<T>::get}, Go's {@code List[T]}), {@code ::} and
     * {@code \} made {@code .}, quotes and pointer marks removed. Null when nothing usable is left, or when the
     * name is a pattern rather than a name ({@code const {a, b} = ...}).
     */
    static String clean(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'' || s.charAt(0) == '`')
                && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1);
        }
        int operator = s.indexOf("operator");
        String head = operator >= 0 ? s.substring(0, operator) : s;
        String tail = operator >= 0 ? s.substring(operator) : "";
        head = stripBrackets(head).replace("*", "").replace("&", "").replace("(", "").replace(")", "");
        s = (head + tail).replace("::", ".").replace('\\', '.').replaceAll("\\s+", "");
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.isEmpty() || (operator < 0 && s.matches(".*[{}\\[\\],;=:'\"].*"))) {
            return null;
        }
        return s;
    }

    /** Removes balanced {@code <...>} and {@code [...]} groups. */
    private static String stripBrackets(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '[') {
                depth++;
            } else if ((c == '>' || c == ']') && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String join(String qualifier, String name) {
        if (qualifier == null || qualifier.isEmpty()) {
            return name;
        }
        return name == null ? qualifier : qualifier + "." + name;
    }

    /** The last {@code .}-separated part. */
    static String last(String name) {
        if (name == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }

    /** {@code (*Server)} to {@code Server}. */
    static String stripPointer(String receiver) {
        return receiver.startsWith("(*") && receiver.endsWith(")")
                ? receiver.substring(2, receiver.length() - 1) : receiver;
    }

    /**
     * The Python module a file defines: {@code src/pkg/mod.py} is {@code pkg.mod}, {@code pkg/__init__.py} is
     * {@code pkg}. A leading {@code src/} is a source root, not a package.
     */
    static String pythonModule(String relPath) {
        String path = relPath.replace('\\', '/');
        int dot = path.lastIndexOf('.');
        if (dot > path.lastIndexOf('/')) {
            path = path.substring(0, dot);
        }
        if (path.startsWith("src/")) {
            path = path.substring(4);
        }
        if (path.equals("__init__")) {
            return null;
        }
        if (path.endsWith("/__init__")) {
            path = path.substring(0, path.length() - "/__init__".length());
        }
        String module = path.replace('/', '.');
        return module.isEmpty() ? null : module;
    }
}
