package dev.codeindexer.chunk.walk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walker's secrets deny list: by name, by directory, by content, and the only way past it. */
class SecretRulesTest {

    /** A key-shaped block: the header and lines of base64, as ssh-keygen and openssl write them. */
    static final String PEM_KEY = "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIIEowIBAAKCAQEAx8d4bC2W2Kv0n2mV3QkQ8yJb1pD6nq7Ykz0n0F3t3y5lNAbc\n"
            + "q9Zl0cQ1k3vR7e0uYk1mQ2xW4bC2W2Kv0n2mV3QkQ8yJb1pD6nq7Ykz0n0F3t3y5\n"
            + "-----END RSA PRIVATE KEY-----\n";

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private Map<String, Skip> skips(WalkOptions options) {
        try (Stream<WalkEntry> entries = RepositoryWalker.create(root, options).entries()) {
            return entries.filter(e -> e instanceof Skip).map(e -> (Skip) e)
                    .collect(Collectors.toMap(Skip::path, s -> s));
        }
    }

    private List<String> files(WalkOptions options) {
        try (Stream<WalkEntry> entries = RepositoryWalker.create(root, options).entries()) {
            return entries.filter(e -> e instanceof SourceFile).map(WalkEntry::path).toList();
        }
    }

    @Test
    void keysCredentialsAndTheirDirectoriesAreSkippedAsSecretsWithTheReason() throws IOException {
        write(".ssh/id_rsa", PEM_KEY);
        write(".ssh/config", "Host *\n");
        write(".aws/credentials", "[default]\naws_secret_access_key = abc\n");
        write(".gnupg/pubring.kbx", "x");
        write(".env", "DB_PASSWORD=hunter2\n");
        write("deploy/.env.production", "TOKEN=abc\n");
        write("certs/server.pem", "x");
        write("certs/server.KEY", "x");
        write("java/release.jks", "x");
        write("home/.netrc", "machine x login y password z\n");
        write("home/.git-credentials", "https://u:t@example.com\n");
        write("home/id_ed25519", "x");
        write("notes/meeting.txt", PEM_KEY);
        write("src/Main.java", "class Main {}\n");

        Map<String, Skip> skips = skips(WalkOptions.defaults());

        assertThat(files(WalkOptions.defaults())).containsExactly("src/Main.java");
        assertThat(skips).containsOnlyKeys(".ssh", ".aws", ".gnupg", ".env", "deploy/.env.production",
                "certs/server.pem", "certs/server.KEY", "java/release.jks", "home/.netrc", "home/.git-credentials",
                "home/id_ed25519", "notes/meeting.txt");
        assertThat(skips.values()).extracting(Skip::reason).containsOnly(SkipReason.SECRET);
        assertThat(skips.get(".ssh").detail()).contains("directory");
        assertThat(skips.get("certs/server.pem").detail()).contains("*.pem");
        assertThat(skips.get("notes/meeting.txt").detail()).isEqualTo("content: a private key");
    }

    @Test
    void gitStaysExcludedAndIsStillASecretWhenTheExclusionsAreCleared() throws IOException {
        write(".git/config", "[remote \"origin\"]\nurl = https://user:token@example.com/r.git\n");
        write("a.txt", "a");

        assertThat(skips(WalkOptions.defaults()).get(".git").reason()).isEqualTo(SkipReason.EXCLUDED);
        WalkOptions noExclusions = WalkOptions.defaults().withExcludedDirectories(java.util.Set.of());
        assertThat(skips(noExclusions).get(".git").reason()).isEqualTo(SkipReason.SECRET);
        assertThat(files(noExclusions)).containsExactly("a.txt");
    }

    @Test
    void keyMaterialInsideCodeIsCaughtButAParserOfTheHeaderIsNot() throws IOException {
        write("tests/test_tls.py", "KEY = \"\"\"" + PEM_KEY + "\"\"\"\n");
        write("src/Keys.java", "String key = \"-----BEGIN PRIVATE KEY-----\\n\" +\n    \""
                + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n\";\n");
        write("src/Pem.java", """
                class Pem {
                    static final String HEADER = "-----BEGIN PRIVATE KEY-----";
                    static final String FOOTER = "-----END PRIVATE KEY-----";
                }
                """);
        write("docs/openssh.md", "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                + "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n");
        write("legacy.txt", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\n"
                + "MIIEowIBAAKCAQEAx8d4bC2W2Kv0n2mV3QkQ8yJb1pD6nq7Ykz0n0F3t3y5lNAbc\n");

        assertThat(files(WalkOptions.defaults())).containsExactly("src/Pem.java");
    }

    @Test
    void onlyAnExplicitAllowPatternLetsASecretIn() throws IOException {
        write("tests/fixtures/server.pem", PEM_KEY);
        write("tests/fixtures/other.pem", PEM_KEY);
        write(".env.example", "DB_PASSWORD=\n");
        write(".aws/config", "[default]\n");

        WalkOptions allowing = WalkOptions.defaults()
                .withAllowSecrets(List.of("tests/fixtures/server.pem", ".env.example", ".aws/"));

        assertThat(files(allowing)).containsExactly(".aws/config", ".env.example", "tests/fixtures/server.pem");
        assertThat(skips(allowing)).containsOnlyKeys("tests/fixtures/other.pem");
        assertThat(files(WalkOptions.defaults())).isEmpty();
    }

    @Test
    void publicKeysAndLookAlikeNamesAreNotSecrets() throws IOException {
        write(".ssh-config-docs.md", "x");
        write("id_rsa.pub", "ssh-rsa AAAA");
        write("src/credentials.py", "def load(): pass\n");
        write("src/environment.ts", "export const x = 1;\n");
        write("keyboard.c", "int main() {}\n");

        assertThat(files(WalkOptions.defaults())).containsExactly(".ssh-config-docs.md", "id_rsa.pub", "keyboard.c",
                "src/credentials.py", "src/environment.ts");
    }
}
