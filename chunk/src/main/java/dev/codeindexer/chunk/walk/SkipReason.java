package dev.codeindexer.chunk.walk;

/** Why a walk did not yield a path as a source file. */
public enum SkipReason {
    /** Matched a {@code .gitignore}, {@code .codeindexerignore} or {@code .git/info/exclude} rule. */
    IGNORED,
    /** A built-in exclusion: {@code .git}, build and vendor directories, lock files, minified bundles. */
    EXCLUDED,
    /**
     * Holds, by its name or content, a private key or credentials (the built-in deny list: {@code .ssh},
     * {@code .env*}, {@code *.pem}, a PEM private key block...), and no {@link WalkOptions#allowSecrets()} pattern
     * lets it in.
     */
    SECRET,
    /** Has a NUL byte in its first 8 KiB, or a known binary extension. */
    BINARY,
    /** Larger than {@link WalkOptions#maxFileBytes()}. */
    TOO_LARGE,
    /** Could not be read or listed (permissions, I/O error). */
    UNREADABLE,
    /** A symbolic link whose target does not exist. */
    BROKEN_SYMLINK,
    /** A symbolic link to a directory the walk is already inside, or a chain of links that never ends. */
    SYMLINK_LOOP,
    /** A symbolic link to something outside the root. */
    SYMLINK_OUTSIDE_ROOT,
    /** A symbolic link, and {@link WalkOptions#followSymlinks()} is off. */
    SYMLINK_NOT_FOLLOWED,
    /** Not a regular file or directory: a FIFO, socket or device. */
    NOT_REGULAR_FILE
}
