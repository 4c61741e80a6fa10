package dev.codeindexer.chunk;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Tells a file's language from its name, then its shebang line; {@link Language#TEXT} when neither says. */
public final class LanguageDetector {

    private static final Map<String, Language> BY_EXTENSION = Map.ofEntries(
            Map.entry("java", Language.JAVA),
            Map.entry("py", Language.PYTHON), Map.entry("pyi", Language.PYTHON), Map.entry("pyw", Language.PYTHON),
            Map.entry("js", Language.JAVASCRIPT), Map.entry("jsx", Language.JAVASCRIPT),
            Map.entry("mjs", Language.JAVASCRIPT), Map.entry("cjs", Language.JAVASCRIPT),
            Map.entry("ts", Language.TYPESCRIPT), Map.entry("mts", Language.TYPESCRIPT),
            Map.entry("cts", Language.TYPESCRIPT), Map.entry("tsx", Language.TSX),
            Map.entry("go", Language.GO),
            Map.entry("rs", Language.RUST),
            Map.entry("c", Language.C),
            Map.entry("cc", Language.CPP), Map.entry("cpp", Language.CPP), Map.entry("cxx", Language.CPP),
            Map.entry("c++", Language.CPP), Map.entry("hh", Language.CPP), Map.entry("hpp", Language.CPP),
            Map.entry("hxx", Language.CPP), Map.entry("h++", Language.CPP), Map.entry("ipp", Language.CPP),
            Map.entry("cs", Language.CSHARP),
            Map.entry("rb", Language.RUBY), Map.entry("rake", Language.RUBY), Map.entry("gemspec", Language.RUBY),
            Map.entry("php", Language.PHP), Map.entry("phtml", Language.PHP),
            Map.entry("kt", Language.KOTLIN), Map.entry("kts", Language.KOTLIN),
            Map.entry("scala", Language.SCALA), Map.entry("sc", Language.SCALA),
            Map.entry("md", Language.MARKDOWN), Map.entry("markdown", Language.MARKDOWN),
            Map.entry("mdx", Language.MARKDOWN),
            Map.entry("yml", Language.YAML), Map.entry("yaml", Language.YAML),
            Map.entry("json", Language.JSON), Map.entry("jsonc", Language.JSON),
            Map.entry("toml", Language.TOML),
            Map.entry("xml", Language.XML), Map.entry("xsd", Language.XML), Map.entry("pom", Language.XML),
            Map.entry("html", Language.HTML), Map.entry("htm", Language.HTML),
            Map.entry("css", Language.CSS), Map.entry("scss", Language.CSS), Map.entry("less", Language.CSS),
            Map.entry("sql", Language.SQL),
            Map.entry("sh", Language.SHELL), Map.entry("bash", Language.SHELL), Map.entry("zsh", Language.SHELL),
            Map.entry("groovy", Language.GROOVY), Map.entry("gradle", Language.GROOVY),
            Map.entry("swift", Language.SWIFT),
            Map.entry("lua", Language.LUA),
            Map.entry("pl", Language.PERL), Map.entry("pm", Language.PERL),
            Map.entry("r", Language.R),
            Map.entry("dart", Language.DART),
            Map.entry("properties", Language.PROPERTIES), Map.entry("ini", Language.PROPERTIES),
            Map.entry("cfg", Language.PROPERTIES), Map.entry("conf", Language.PROPERTIES),
            Map.entry("proto", Language.PROTOBUF));

    private static final Map<String, Language> BY_NAME = Map.ofEntries(
            Map.entry("dockerfile", Language.DOCKERFILE), Map.entry("containerfile", Language.DOCKERFILE),
            Map.entry("makefile", Language.MAKEFILE), Map.entry("gnumakefile", Language.MAKEFILE),
            Map.entry("rakefile", Language.RUBY), Map.entry("gemfile", Language.RUBY),
            Map.entry("jenkinsfile", Language.GROOVY),
            Map.entry(".bashrc", Language.SHELL), Map.entry(".bash_profile", Language.SHELL),
            Map.entry(".zshrc", Language.SHELL), Map.entry(".profile", Language.SHELL));

    private static final Map<String, Language> BY_INTERPRETER = Map.ofEntries(
            Map.entry("python", Language.PYTHON), Map.entry("pypy", Language.PYTHON),
            Map.entry("node", Language.JAVASCRIPT), Map.entry("nodejs", Language.JAVASCRIPT),
            Map.entry("deno", Language.TYPESCRIPT), Map.entry("ts-node", Language.TYPESCRIPT),
            Map.entry("bun", Language.TYPESCRIPT), Map.entry("tsx", Language.TYPESCRIPT),
            Map.entry("ruby", Language.RUBY), Map.entry("php", Language.PHP),
            Map.entry("sh", Language.SHELL), Map.entry("bash", Language.SHELL), Map.entry("zsh", Language.SHELL),
            Map.entry("dash", Language.SHELL), Map.entry("ksh", Language.SHELL),
            Map.entry("perl", Language.PERL), Map.entry("lua", Language.LUA), Map.entry("rscript", Language.R),
            Map.entry("kotlin", Language.KOTLIN), Map.entry("scala", Language.SCALA), Map.entry("groovy", Language.GROOVY));

    /** Words a C++ header has and a C header does not; a {@code .h} file with one of them is parsed as C++. */
    private static final Pattern CPP_MARKERS = Pattern.compile(
            "^\\s*(class\\s+\\w+\\s*[:{]|namespace\\s+\\w*\\s*\\{|template\\s*<|using\\s+namespace\\b"
                    + "|(public|private|protected)\\s*:)|#include\\s*<(string|vector|memory|map|iostream)>|\\w::\\w",
            Pattern.MULTILINE);

    private LanguageDetector() {
    }

    /**
     * The language of the file at {@code path} (relative or absolute, any separator) with the given content; the
     * content may be null when only the name is known.
     */
    public static Language detect(String path, CharSequence content) {
        String name = fileName(path);
        String lower = name.toLowerCase(Locale.ROOT);
        Language byName = BY_NAME.get(lower);
        if (byName != null) {
            return byName;
        }
        if (lower.startsWith("dockerfile.") || lower.endsWith(".dockerfile")) {
            return Language.DOCKERFILE;
        }
        int dot = lower.lastIndexOf('.');
        if (dot >= 0) {
            String extension = lower.substring(dot + 1);
            if (extension.equals("h")) {
                return content != null && CPP_MARKERS.matcher(content).find() ? Language.CPP : Language.C;
            }
            Language byExtension = BY_EXTENSION.get(extension);
            if (byExtension != null) {
                return byExtension;
            }
        }
        Language byShebang = content == null ? null : fromShebang(content);
        return byShebang != null ? byShebang : Language.TEXT;
    }

    /** The language a {@code #!} first line names, or null when there is none or it is not known. */
    static Language fromShebang(CharSequence content) {
        if (content.length() < 3 || content.charAt(0) != '#' || content.charAt(1) != '!') {
            return null;
        }
        int end = 2;
        while (end < content.length() && end < 256 && content.charAt(end) != '\n' && content.charAt(end) != '\r') {
            end++;
        }
        String[] words = content.subSequence(2, end).toString().trim().split("\\s+");
        String interpreter = baseName(words[0]);
        if (interpreter.equals("env")) {
            interpreter = null;
            for (int i = 1; i < words.length; i++) {
                // Skip env's own flags (-S, -i) and VAR=value assignments.
                if (!words[i].startsWith("-") && !words[i].contains("=")) {
                    interpreter = baseName(words[i]);
                    break;
                }
            }
            if (interpreter == null) {
                return null;
            }
        }
        // python3.12 -> python, ruby2.7 -> ruby
        String plain = interpreter.toLowerCase(Locale.ROOT).replaceFirst("[0-9.]+$", "");
        return BY_INTERPRETER.get(plain);
    }

    private static String fileName(String path) {
        String normalized = path.replace('\\', '/');
        int slash = normalized.lastIndexOf('/');
        return slash < 0 ? normalized : normalized.substring(slash + 1);
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
