package dev.codeindexer.grep;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.FileEntry;
import dev.codeindexer.index.Manifest;
import dev.codeindexer.search.PathGlob;
import dev.codeindexer.text.Printable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Every line of the indexed files that matches a pattern, as {@code rg -n} prints them: literal or a regular
 * expression, case-insensitive, whole words, with context lines. The files are the index's (so ignore rules and
 * what was skipped apply), read as they are on disk now. A regular expression that does not compile is refused with
 * the reason; one that backtracks without end on a line is stopped after {@value #LINE_BUDGET_MILLIS} ms of that line
 * and refused; the answer stops at {@code maxMatches} and says so.
 */
public final class Grep {
    static final long LINE_BUDGET_MILLIS = 200;
    /** Files scanned in parallel at a time: enough to keep the cores busy, few enough to stop near the limit. */
    private static final int BATCH_FILES = 64;
    /** Longer lines are matched on their first this many characters (minified code, data). */
    static final int MAX_LINE_CHARS = 10_000;

    /**
     * @param pattern    what to find
     * @param regex      {@code pattern} is a Java regular expression; else a literal string
     * @param ignoreCase match case-insensitively
     * @param word       match whole words only (no letter, digit or {@code _} on either side)
     * @param context    lines shown before and after each match
     * @param maxMatches stop after this many matching lines
     */
    public record Options(String pattern, boolean regex, boolean ignoreCase, boolean word, int context, int maxMatches) {
        /** The most matching lines one search returns. */
        public static final int MAX = 100_000;

        public Options {
            if (pattern == null || pattern.isEmpty()) {
                throw new InvalidInputException("grep needs a non-empty PATTERN");
            }
            if (context < 0 || context > 100) {
                throw new InvalidInputException("context lines must be from 0 to 100, got " + context);
            }
            if (maxMatches < 1 || maxMatches > MAX) {
                throw new InvalidInputException("the match limit must be from 1 to " + MAX + ", got " + maxMatches);
            }
        }
    }

    /** A matching line with its neighbours. */
    public record Match(@JsonProperty("file_path") String filePath, int line, String text, List<String> before,
                        List<String> after) {
        /**
         * As {@code rg -n} prints it: {@code file:line:text}, context lines as {@code file-line-text}, with control
         * characters in the path and the text escaped ({@link Printable}), so that each match is one line.
         */
        public List<String> printed() {
            String file = Printable.field(filePath);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < before.size(); i++) {
                out.add(file + "-" + (line - before.size() + i) + "-" + Printable.line(before.get(i)));
            }
            out.add(file + ":" + line + ":" + Printable.line(text));
            for (int i = 0; i < after.size(); i++) {
                out.add(file + "-" + (line + 1 + i) + "-" + Printable.line(after.get(i)));
            }
            return out;
        }
    }

    /** The matches in file and line order; {@code truncated} when the limit cut the search short. */
    public record Result(List<Match> matches, @JsonProperty("files_searched") int filesSearched, boolean truncated) {
    }

    private Grep() {
    }

    /** Searches the files {@code manifest} lists (those matching {@code pathGlob}, when given) in path order. */
    public static Result run(Path root, Manifest manifest, String pathGlob, Options o) {
        List<String> files = manifest.files().stream().map(FileEntry::path).sorted().toList();
        return run(root, pathGlob == null ? files : PathGlob.of(pathGlob).filter(files), o);
    }

    /**
     * Searches {@code files} (paths relative to {@code root}, in the order to report them). Files are scanned in
     * parallel batches, each file at most up to the limit, and reported in order, so the answer is the same as a
     * scan one file after the other and stops soon after the limit.
     */
    public static Result run(Path root, List<String> files, Options o) {
        Pattern p = compile(o);
        // A literal without line breaks is found with String.indexOf over the whole file, line bounds only worked
        // out around the hits: most files have none, and indexOf is the fastest scan the JVM has.
        boolean literal = !o.regex() && !o.ignoreCase() && o.pattern().indexOf('\n') < 0
                && o.pattern().indexOf('\r') < 0;
        List<Match> matches = new ArrayList<>();
        int searched = 0;
        for (int from = 0; from < files.size(); from += BATCH_FILES) {
            // Not Stream.toList(): a file that cannot be read is a null element.
            List<List<Match>> batch = files.subList(from, Math.min(files.size(), from + BATCH_FILES)).parallelStream()
                    .map(file -> scan(root, file, p, literal, o)).collect(Collectors.toList());
            for (List<Match> f : batch) {
                if (f == null) {
                    continue; // gone since it was indexed: there is nothing in it to find
                }
                searched++;
                for (Match m : f) {
                    matches.add(m);
                    if (matches.size() == o.maxMatches()) {
                        return new Result(matches, searched, true);
                    }
                }
            }
        }
        return new Result(matches, searched, false);
    }

    /** One file's matching lines, at most the limit; null when it cannot be read. */
    private static List<Match> scan(Path root, String file, Pattern p, boolean literal, Options o) {
        String text;
        try {
            text = new String(Files.readAllBytes(root.resolve(file)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        Lines lines = new Lines(text);
        List<Match> out = new ArrayList<>();
        if (literal) {
            String needle = o.pattern();
            int at = text.indexOf(needle);
            while (at >= 0 && out.size() < o.maxMatches()) {
                int start = lines.startOf(at);
                int end = lines.endOf(at);
                if (at + needle.length() > Math.min(end, start + MAX_LINE_CHARS)) {
                    at = nextLine(text, needle, end); // past the part of a long line that is searched
                } else if (o.word() && !isWordBoundary(text, at, at + needle.length())) {
                    at = text.indexOf(needle, at + 1);
                } else {
                    out.add(lines.match(file, start, o.context()));
                    at = nextLine(text, needle, end);
                }
            }
        } else {
            Deadline deadline = new Deadline(text);
            Matcher m = p.matcher(deadline);
            // A final line break opens no line, and an empty file has none.
            for (int start = 0; start < text.length() && out.size() < o.maxMatches(); ) {
                int end = lines.endOf(start);
                int textEnd = lines.textEnd(start, end);
                deadline.restart();
                m.region(start, Math.min(textEnd, start + MAX_LINE_CHARS));
                if (find(m, o.pattern(), textEnd - start)) {
                    out.add(lines.match(file, start, o.context()));
                }
                start = end + 1;
            }
        }
        return out;
    }

    private static int nextLine(String text, String needle, int lineEnd) {
        return lineEnd >= text.length() ? -1 : text.indexOf(needle, lineEnd + 1);
    }

    /** Whether {@code [from, to)} has no letter, digit or {@code _} on either side, as {@code -w} asks. */
    private static boolean isWordBoundary(String text, int from, int to) {
        return (from == 0 || !isWordChar(text.charAt(from - 1)))
                && (to >= text.length() || !isWordChar(text.charAt(to)));
    }

    /** {@code [\p{L}\p{N}_]}, what the regular expression of {@code -w} treats as a word character. */
    private static boolean isWordChar(char c) {
        if (c == '_' || (c < 128 && Character.isLetterOrDigit(c))) {
            return true;
        }
        if (c < 128) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /**
     * A file's lines as {@code rg} counts them: ended by {@code \n}, a {@code \r} before it not part of the
     * line's text; line numbers worked out on demand and remembered, as hits come in order.
     */
    private static final class Lines {
        private final String text;
        private int countedTo;
        private int countedLine = 1;

        Lines(String text) {
            this.text = text;
        }

        int startOf(int at) {
            int start = at;
            while (start > 0 && text.charAt(start - 1) != '\n') {
                start--;
            }
            return start;
        }

        /** The index of the line break ending the line at {@code at}, or the text's length. */
        int endOf(int at) {
            int end = text.indexOf('\n', at);
            return end < 0 ? text.length() : end;
        }

        /** 1-based; {@code start}s must not go backwards between calls. */
        int number(int start) {
            for (int i = countedTo; i < start; i++) {
                if (text.charAt(i) == '\n') {
                    countedLine++;
                }
            }
            countedTo = start;
            return countedLine;
        }

        /** The end of the line's text: its line break, or the {@code \r} before it. */
        int textEnd(int start, int end) {
            return end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
        }

        String line(int start) {
            return text.substring(start, textEnd(start, endOf(start)));
        }

        Match match(String file, int start, int context) {
            int number = number(start);
            List<String> before = new ArrayList<>();
            int s = start;
            for (int i = 0; i < context && s > 0; i++) {
                s = startOf(s - 1);
                before.addFirst(line(s));
            }
            List<String> after = new ArrayList<>();
            int e = endOf(start);
            for (int i = 0; i < context && e + 1 < text.length(); i++) {
                after.add(line(e + 1));
                e = endOf(e + 1);
            }
            return new Match(file, number, line(start), before, after);
        }
    }

    /**
     * The pattern {@code o} searches with.
     *
     * @throws InvalidInputException when a regular expression does not compile, with the reason
     */
    public static Pattern compile(Options o) {
        String body = o.regex() ? o.pattern() : Pattern.quote(o.pattern());
        if (o.word()) {
            body = "(?<![\\p{L}\\p{N}_])(?:" + body + ")(?![\\p{L}\\p{N}_])";
        }
        try {
            return Pattern.compile(body, o.ignoreCase() ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        } catch (PatternSyntaxException e) {
            throw new InvalidInputException("the regular expression does not compile: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + o.pattern() + "'");
        }
    }

    private static boolean find(Matcher m, String pattern, int lineChars) {
        try {
            return m.find();
        } catch (Deadline.Exceeded e) {
            throw new InvalidInputException("the regular expression '" + pattern + "' takes too long on a single "
                    + "line (over " + LINE_BUDGET_MILLIS + " ms: nested repetition such as (a+)+ backtracks without "
                    + "end); simplify it");
        } catch (StackOverflowError e) {
            // Java's matcher recurses once per repetition of a group: a long line exhausts the stack.
            throw new InvalidInputException("the regular expression '" + pattern + "' recurses too deeply on a line of "
                    + lineChars + " characters (a repeated group such as (a|b)+); simplify it, e.g. [ab]+");
        }
    }

    /**
     * Text whose reads fail once a deadline has passed: the way to stop a regular expression that runs away. The
     * deadline is set again for each line ({@link #restart}).
     */
    private static final class Deadline implements CharSequence {
        static final class Exceeded extends RuntimeException {
            Exceeded() {
                super(null, null, false, false);
            }
        }

        private final CharSequence text;
        private final long[] deadlineNanos;
        /** Reads so far, shared with sub-sequences: the clock is read once every 4096 of them. */
        private final int[] reads;

        Deadline(CharSequence text) {
            this(text, new long[] {Long.MAX_VALUE}, new int[1]);
        }

        private Deadline(CharSequence text, long[] deadlineNanos, int[] reads) {
            this.text = text;
            this.deadlineNanos = deadlineNanos;
            this.reads = reads;
        }

        void restart() {
            deadlineNanos[0] = System.nanoTime() + LINE_BUDGET_MILLIS * 1_000_000;
        }

        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xfff) == 0 && System.nanoTime() > deadlineNanos[0]) {
                throw new Exceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Deadline(text.subSequence(start, end), deadlineNanos, reads);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
