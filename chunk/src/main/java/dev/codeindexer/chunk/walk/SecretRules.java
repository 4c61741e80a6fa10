package dev.codeindexer.chunk.walk;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in deny list for secrets: what an index must never hold, because whatever is indexed is served to every
 * client and agent. It holds names that say "key or credential" unambiguously, the directories of tools that keep
 * them, and files whose first bytes are a PEM or PGP private key whatever they are called. Paths matching one of
 * the {@link WalkOptions#allowSecrets()} patterns are let through, which is the only way in.
 *
 * <p>Names were chosen to be clear rather than complete: {@code secrets.*} or {@code *.conf} would catch code and
 * configuration people do search, and a file the list misses is still caught by its content when it holds a private
 * key.
 */
final class SecretRules {

    /** Tool directories that hold keys and credentials; {@code .git} holds remote URLs with tokens and old blobs. */
    static final Set<String> DIRECTORIES = Set.of(".git", ".ssh", ".aws", ".gnupg");

    /** Exact file names of private keys and credential stores. */
    private static final Set<String> NAMES = Set.of(
            "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
            ".env", "credentials", "credentials.json", ".git-credentials", ".netrc", "_netrc", ".pgpass",
            ".npmrc", ".pypirc", ".dockercfg", ".htpasswd");

    /** Extensions of key, certificate-bundle and keystore files. */
    private static final Set<String> EXTENSIONS = Set.of("pem", "key", "p12", "pfx", "keystore", "jks", "ppk");

    /**
     * A PEM or PGP private key block: its header line followed (after optional {@code Name: value} headers, and
     * quotes or escaped newlines when it sits in a string literal) by key material. Requiring the material keeps a
     * parser's constant {@code "-----BEGIN PRIVATE KEY-----"} from hiding the parser.
     */
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
                    + "(?:\\s|\\\\[nr]|[\"'`+,;(){}\\[\\]])*"
                    + "(?:[A-Za-z-]+: [^\\n]*\\n\\s*)*"
                    + "[A-Za-z0-9+/=]{40,}");

    private final List<IgnorePattern> allowed;

    private SecretRules(List<IgnorePattern> allowed) {
        this.allowed = allowed;
    }

    /** The deny list with the exceptions {@code allowPatterns} (gitignore syntax, relative to the root). */
    static SecretRules of(List<String> allowPatterns) {
        return new SecretRules(allowPatterns.stream().map(IgnorePattern::parse).filter(Objects::nonNull).toList());
    }

    /** Why the directory or file {@code rel} (named {@code name}) is a secret by its name, or null. */
    String byName(String rel, String name, boolean directory) {
        String why = directory ? directoryReason(name) : fileReason(name);
        return why == null || isAllowed(rel, directory) ? null : why;
    }

    /** Why the file {@code rel}, whose first bytes are {@code head}, is a secret by its content, or null. */
    String byContent(String rel, byte[] head) {
        // ISO-8859-1 maps every byte to one char, so the pattern sees ASCII as it is in any ASCII-compatible encoding.
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!PRIVATE_KEY.matcher(text).find() || isAllowed(rel, false)) {
            return null;
        }
        return "content: a private key";
    }

    private boolean isAllowed(String rel, boolean directory) {
        for (IgnorePattern pattern : allowed) {
            if (pattern.matches(rel, directory)) {
                return true;
            }
        }
        return false;
    }

    private static String directoryReason(String name) {
        return DIRECTORIES.contains(name) ? "name: a directory of keys or credentials" : null;
    }

    private static String fileReason(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(lower) || lower.startsWith(".env.")) {
            return "name: a key or credentials file";
        }
        int dot = lower.lastIndexOf('.');
        if (dot > 0 && EXTENSIONS.contains(lower.substring(dot + 1))) {
            return "name: a key or keystore file (*." + lower.substring(dot + 1) + ")";
        }
        return null;
    }
}
