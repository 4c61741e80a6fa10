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

/**
 * Every line of the indexed files that matches a pattern, as {@code rg -n} prints them: literal or a regular
 * expression, case-insensitive, whole words, with context lines. The files are the index's (so ignore rules and
 * what was skipped apply), read as they are on disk now. A regular expression that does not compile is refused with
 * the reason; one that backtracks without end on a line is stopped after {@value #LINE_BUDGET_MILLIS} ms of that line
 * and refused; the answer stops at {@code maxMatches} and says so.
 */
public final class Grep {
    static final long LINE_BUDGET_MILLIS = 200;
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
        public Options {
            if (pattern == null || pattern.isEmpty()) {
                throw new InvalidInputException("grep needs a non-empty PATTERN");
            }
            if (context < 0 || context > 100) {
                throw new InvalidInputException("context lines must be from 0 to 100, got " + context);
            }
            if (maxMatches < 1 || maxMatches > 100_000) {
                throw new InvalidInputException("the match limit must be from 1 to 100000, got " + maxMatches);
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

    /** Searches {@code files} (paths relative to {@code root}, in the order to report them). */
    public static Result run(Path root, List<String> files, Options o) {
        Pattern p = compile(o);
        List<Match> matches = new ArrayList<>();
        int searched = 0;
        for (String file : files) {
            List<String> lines;
            try {
                lines = new String(Files.readAllBytes(root.resolve(file)), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                continue; // gone since it was indexed: there is nothing in it to find
            }
            searched++;
            for (int i = 0; i < lines.size(); i++) {
                if (find(p, lines.get(i), o.pattern())) {
                    matches.add(new Match(file, i + 1, lines.get(i),
                            lines.subList(Math.max(0, i - o.context()), i),
                            lines.subList(i + 1, Math.min(lines.size(), i + 1 + o.context()))));
                    if (matches.size() == o.maxMatches()) {
                        return new Result(matches, searched, true);
                    }
                }
            }
        }
        return new Result(matches, searched, false);
    }

    static Pattern compile(Options o) {
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

    private static boolean find(Pattern p, String line, String pattern) {
        CharSequence text = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line;
        Matcher m = p.matcher(new Deadline(text, System.nanoTime() + LINE_BUDGET_MILLIS * 1_000_000));
        try {
            return m.find();
        } catch (Deadline.Exceeded e) {
            throw new InvalidInputException("the regular expression '" + pattern + "' takes too long on a single "
                    + "line (over " + LINE_BUDGET_MILLIS + " ms: nested repetition such as (a+)+ backtracks without "
                    + "end); simplify it");
        } catch (StackOverflowError e) {
            // Java's matcher recurses once per repetition of a group: a long line exhausts the stack.
            throw new InvalidInputException("the regular expression '" + pattern + "' recurses too deeply on a line of "
                    + text.length() + " characters (a repeated group such as (a|b)+); simplify it, e.g. [ab]+");
        }
    }

    /** Text whose reads fail once a deadline has passed: the way to stop a regular expression that runs away. */
    private static final class Deadline implements CharSequence {
        static final class Exceeded extends RuntimeException {
            Exceeded() {
                super(null, null, false, false);
            }
        }

        private final CharSequence text;
        private final long deadlineNanos;
        /** Reads so far, shared with sub-sequences: the clock is read once every 4096 of them. */
        private final int[] reads;

        Deadline(CharSequence text, long deadlineNanos) {
            this(text, deadlineNanos, new int[1]);
        }

        private Deadline(CharSequence text, long deadlineNanos, int[] reads) {
            this.text = text;
            this.deadlineNanos = deadlineNanos;
            this.reads = reads;
        }

        @Override
        public char charAt(int index) {
            if ((++reads[0] & 0xfff) == 0 && System.nanoTime() > deadlineNanos) {
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
