package dev.codeindexer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.codeindexer.store.VectorStoreFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Adding a store is adding one module: nothing outside a backend's module uses its classes or spells its name, and
 * the modules depend on each other in one direction (core, then chunk/embed/stores, then engine, then app).
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        // Test code is left out, from this module's test classes and from other modules' test jars alike.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.codeindexer");
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .as("every module's classes are on the test classpath")
                .contains("dev.codeindexer.config", "dev.codeindexer.chunk", "dev.codeindexer.embed",
                        "dev.codeindexer.index", "dev.codeindexer.cli", "dev.codeindexer.store.lucene",
                        "dev.codeindexer.store.milvus");
    }

    @Test
    void noClassOutsideABackendUsesItsClasses() {
        for (String type : VectorStoreFactory.availableTypes()) {
            String pkg = "dev.codeindexer.store." + type;
            noClasses().that().resideOutsideOfPackage(pkg + "..")
                    .should().dependOnClassesThat().resideInAPackage(pkg + "..")
                    .because("a backend plugs in through VectorStoreProvider; a second one must not need edits elsewhere")
                    .check(classes);
        }
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAnyPackage("dev.codeindexer.config", "dev.codeindexer.error",
                        "dev.codeindexer.store", "dev.codeindexer.store.filter")
                .should().dependOnClassesThat().resideInAnyPackage("dev.codeindexer.chunk..", "dev.codeindexer.embed..",
                        "dev.codeindexer.index..", "dev.codeindexer.search..", "dev.codeindexer.eval..",
                        "dev.codeindexer.cli..", "dev.codeindexer.server..", "dev.codeindexer.store.lucene..",
                        "dev.codeindexer.store.milvus..")
                .check(classes);
    }

    @Test
    void theLibrariesAndTheEngineDoNotReachUpIntoTheApplication() {
        noClasses().that().resideInAnyPackage("dev.codeindexer.chunk..", "dev.codeindexer.embed..",
                        "dev.codeindexer.index..", "dev.codeindexer.search..", "dev.codeindexer.eval..",
                        "dev.codeindexer.store..", "dev.codeindexer.config..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.codeindexer.cli..", "dev.codeindexer.server..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.codeindexer.chunk..", "dev.codeindexer.embed..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.codeindexer.index..",
                        "dev.codeindexer.search..", "dev.codeindexer.eval..")
                .check(classes);
    }

    /** Class references are checked above; a name in a string (a type check, a default) would be a branch too. */
    @Test
    void noBackendIsNamedInAStringOutsideItsModule() throws IOException {
        Path root = projectRoot();
        List<String> types = VectorStoreFactory.availableTypes();
        assertThat(types).contains("lucene", "milvus");
        List<String> found = new ArrayList<>();
        Pattern literal = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
        try (Stream<Path> files = Files.walk(root, 20)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .forEach(f -> {
                        String module = root.relativize(f).getName(0).toString();
                        String text = read(f);
                        Matcher m = literal.matcher(text);
                        while (m.find()) {
                            String s = m.group().toLowerCase(Locale.ROOT);
                            for (String type : types) {
                                if (!module.equals("store-" + type) && s.matches(".*\\b" + type + "\\b.*")) {
                                    found.add(root.relativize(f) + ": " + m.group());
                                }
                            }
                        }
                    });
        }
        assertThat(found).as("backend names in strings outside the backend's module").isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the project root (with mvnw) above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
