package dev.codeindexer.chunk.walk;

import java.util.regex.Pattern;

/**
 * One gitignore rule, compiled. Follows git's documented semantics: {@code #} comments, {@code !} negation,
 * {@code \} escapes, trailing unescaped spaces dropped, a trailing {@code /} for directories only, a {@code /} at
 * the start or in the middle anchoring the pattern to the ignore file's directory (otherwise it matches a name at
 * any depth), {@code *} and {@code ?} not crossing {@code /}, {@code [...]} classes, and {@code **} as a leading
 * {@code **}{@code /}, a trailing {@code /**} or a middle {@code /**}{@code /}.
 */
record IgnorePattern(String source, Pattern regex, boolean negated, boolean directoryOnly) {

    /** The rule on one line of an ignore file, or null for blank lines and comments. */
    static IgnorePattern parse(String line) {
        String text = stripTrailingSpaces(line);
        if (text.isEmpty() || text.startsWith("#")) {
            return null;
        }
        boolean negated = false;
        if (text.startsWith("!")) {
            negated = true;
            text = text.substring(1);
        }
        boolean directoryOnly = false;
        if (text.endsWith("/") && !text.endsWith("\\/")) {
            directoryOnly = true;
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            return null;
        }
        boolean anchored = text.indexOf('/') >= 0;
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        String body = translate(text);
        String regex = anchored || text.startsWith("**/") ? body : "(?:.*/)?" + body;
        return new IgnorePattern(line.strip(), Pattern.compile(regex, Pattern.DOTALL), negated, directoryOnly);
    }

    /** Whether the rule matches {@code path}, relative to the ignore file's directory. */
    boolean matches(String path, boolean directory) {
        return (!directoryOnly || directory) && regex.matcher(path).matches();
    }

    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    boolean doubled = i + 1 < n && glob.charAt(i + 1) == '*';
                    boolean atSegmentStart = i == 0 || glob.charAt(i - 1) == '/';
                    if (doubled && atSegmentStart && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                        if (i + 2 == n) {
                            // Trailing "/**": everything inside.
                            regex.append(".*");
                        } else {
                            // "**/" : zero or more directories.
                            regex.append("(?:.*/)?");
                            i++;
                        }
                        i++;
                    } else {
                        while (i + 1 < n && glob.charAt(i + 1) == '*') {
                            i++;
                        }
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> i = characterClass(glob, i, regex);
                case '\\' -> {
                    if (i + 1 < n) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Appends the class starting at {@code open}; returns the index of its {@code ]}, or treats {@code [} literally. */
    private static int characterClass(String glob, int open, StringBuilder regex) {
        int i = open + 1;
        StringBuilder cls = new StringBuilder("[");
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            cls.append('^');
            i++;
        }
        boolean first = true;
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == ']' && !first) {
                regex.append(cls).append(']');
                return i;
            }
            first = false;
            if (c == '\\' && i + 1 < glob.length()) {
                c = glob.charAt(++i);
            }
            if (c == '[' || c == ']' || c == '\\' || c == '^' || c == '&') {
                cls.append('\\');
            }
            cls.append(c);
        }
        regex.append(Pattern.quote("["));
        return open;
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t'
                || line.charAt(end - 1) == '\r')) {
            if (end >= 2 && line.charAt(end - 2) == '\\') {
                break;
            }
            end--;
        }
        return line.substring(0, end);
    }
}
