package dev.codeindexer.config;

/** Validation helpers for the config records' compact constructors; each failure names the key. */
public final class Check {
    private Check() {
    }

    public static int range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    public static String oneOf(String key, String value, java.util.List<String> allowed) {
        String v = value.trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new ConfigException(key + " must be one of " + allowed + ", got '" + value + "'");
    }

    public static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** Shown instead of secrets in toString and logs. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "<unset>" : "****";
    }
}
