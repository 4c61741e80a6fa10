package dev.codeindexer.chunk.walk;

import java.util.ArrayList;
import java.util.List;

/**
 * The ignore rules in force in one directory: its own rules on top of its parent's. As in git, a path is decided by
 * the last matching rule, deeper ignore files win over shallower ones, and a path inside an ignored directory is
 * never looked at (the walk does not enter the directory), so it cannot be re-included.
 */
final class IgnoreRules {

    /** What decided a path. */
    record Verdict(boolean ignored, String rule) {
    }

    static final IgnoreRules NONE = new IgnoreRules(null, "", List.of(), List.of());

    private final IgnoreRules parent;
    /** The directory these rules were read in, relative to the root, {@code ""} for the root. */
    private final String base;
    private final List<IgnorePattern> patterns;
    private final List<String> origins;

    private IgnoreRules(IgnoreRules parent, String base, List<IgnorePattern> patterns, List<String> origins) {
        this.parent = parent;
        this.base = base;
        this.patterns = patterns;
        this.origins = origins;
    }

    /**
     * Rules for directory {@code base} given the text of its ignore files in increasing precedence (each entry is
     * {@code origin -> content}); returns this when there are none.
     */
    IgnoreRules child(String base, List<String[]> files) {
        List<IgnorePattern> patterns = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (String[] file : files) {
            for (String line : file[1].split("\n", -1)) {
                IgnorePattern pattern = IgnorePattern.parse(line);
                if (pattern != null) {
                    patterns.add(pattern);
                    origins.add(file[0]);
                }
            }
        }
        return patterns.isEmpty() ? this : new IgnoreRules(this, base, List.copyOf(patterns), List.copyOf(origins));
    }

    /** Whether {@code path} (relative to the root) is ignored, and by which rule; null when no rule matches. */
    Verdict check(String path, boolean directory) {
        // Deeper files take precedence: the first level (from the deepest) with a matching rule decides.
        for (IgnoreRules level = this; level != null; level = level.parent) {
            if (level.patterns.isEmpty()) {
                continue;
            }
            String relative = level.base.isEmpty() ? path : path.substring(level.base.length() + 1);
            for (int i = level.patterns.size() - 1; i >= 0; i--) {
                IgnorePattern pattern = level.patterns.get(i);
                if (pattern.matches(relative, directory)) {
                    return new Verdict(!pattern.negated(), level.origins.get(i) + ": " + pattern.source());
                }
            }
        }
        return null;
    }
}
