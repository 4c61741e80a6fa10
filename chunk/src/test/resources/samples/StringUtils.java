/*
 * Licensed under the Apache License, Version 2.0.
 */
package org.example.text;

import java.util.Locale;
import java.util.Objects;

/**
 * Operations on {@link String} that are {@code null} safe.
 */
@SuppressWarnings("unused")
public class StringUtils {

    public static final String EMPTY = "";

    private static final int PAD_LIMIT = 8192;

    /**
     * Creates an instance; only for tools that need a bean.
     */
    public StringUtils() {
    }

    /**
     * Checks if a CharSequence is empty (""), null or whitespace only.
     *
     * @param cs the CharSequence to check, may be null
     * @return {@code true} if the CharSequence is null, empty or whitespace only
     */
    public static boolean isBlank(final CharSequence cs) {
        final int strLen = cs == null ? 0 : cs.length();
        for (int i = 0; i < strLen; i++) {
            if (!Character.isWhitespace(cs.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Deprecated
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Where a match was found. */
    public record Match(int start, int end) {
        public Match {
            Objects.checkIndex(start, end + 1);
        }
    }

    enum Mode { STRICT, LENIENT }

    interface Matcher {
        /** Finds the first match. */
        Match find(String text);

        boolean matches(String text);
    }
}
