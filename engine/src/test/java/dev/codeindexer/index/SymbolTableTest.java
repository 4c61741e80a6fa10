package dev.codeindexer.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeindexer.chunk.Language;
import dev.codeindexer.chunk.Reference;
import dev.codeindexer.chunk.Symbol;
import dev.codeindexer.chunk.SymbolKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolTableTest {
    @TempDir
    Path dir;

    private static FileSymbols file(String path, String hash, String... names) {
        List<Symbol> symbols = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            symbols.add(new Symbol(names[i], names[i], SymbolKind.FUNCTION, "def " + names[i] + "()", null,
                    Language.PYTHON, path, i + 1, i + 1, i + 1));
        }
        List<Reference> references = names.length == 0 ? List.of()
                : List.of(new Reference("helper", 1, Reference.Kind.CALL), new Reference("Base", 1, Reference.Kind.TYPE));
        return new FileSymbols(path, hash, symbols, references);
    }

    @Test
    void recordsReplacesRemovesAndClearsDurably() throws Exception {
        Path file = dir.resolve("symbols-c.jsonl");
        SymbolTable table = SymbolTable.load(file);
        assertThat(table.exists()).isFalse();
        table.record(List.of(file("a.py", "h1", "f", "g"), file("b.py", "h2", "h")), List.of());
        table.record(List.of(file("a.py", "h3", "f2")), List.of("b.py"));

        SymbolTable reloaded = SymbolTable.load(file);
        assertThat(reloaded.exists()).isTrue();
        assertThat(reloaded.paths()).containsExactly("a.py");
        assertThat(reloaded.hash("a.py")).isEqualTo("h3");
        assertThat(reloaded.all()).extracting(Symbol::name).containsExactly("f2");
        assertThat(reloaded.symbols("b.py")).isNull();
        assertThat(reloaded.references("a.py")).containsExactly(new Reference("helper", 1, Reference.Kind.CALL),
                new Reference("Base", 1, Reference.Kind.TYPE));
        assertThat(Files.readString(file)).as("references are compact arrays")
                .contains("[\"helper\",1,\"call\",null]");

        reloaded.clear();
        assertThat(SymbolTable.load(file).paths()).isEmpty();
        assertThat(SymbolTable.load(file).exists()).isTrue();
    }

    @Test
    void aReaderSkipsATornLastLineWithoutTouchingTheFileAndTheWriterCutsIt() throws Exception {
        Path file = dir.resolve("symbols-c.jsonl");
        SymbolTable.load(file).record(List.of(file("a.py", "h1", "f")), List.of());
        Files.writeString(file, "{\"op\":\"put\",\"file\":{\"path\":\"b.p", StandardOpenOption.APPEND);
        long size = Files.size(file);

        SymbolTable reader = SymbolTable.load(file);
        assertThat(reader.paths()).containsExactly("a.py");
        assertThat(Files.size(file)).as("loading never writes").isEqualTo(size);

        reader.record(List.of(file("c.py", "h2", "g")), List.of());
        assertThat(Files.readAllLines(file)).hasSize(2).allSatisfy(l -> assertThat(l).endsWith("}"));
        assertThat(SymbolTable.load(file).paths()).containsExactly("a.py", "c.py");
    }

    @Test
    void anEntryOfAnOlderFormatCountsAsMissingSoTheIndexerExtractsItAgain() throws Exception {
        Path file = dir.resolve("symbols-c.jsonl");
        // As the previous version wrote it: definitions only, no format.
        Files.writeString(file, "{\"op\":\"put\",\"file\":{\"path\":\"a.py\",\"hash\":\"h1\",\"symbols\":[]}}\n");
        SymbolTable table = SymbolTable.load(file);
        assertThat(table.paths()).containsExactly("a.py");
        assertThat(table.hash("a.py")).isNull();
        table.record(List.of(file("a.py", "h1", "f")), List.of());
        assertThat(SymbolTable.load(file).hash("a.py")).isEqualTo("h1");
    }

    @Test
    void compactionKeepsOneLinePerFile() throws Exception {
        Path file = dir.resolve("symbols-c.jsonl");
        SymbolTable table = SymbolTable.load(file);
        for (int i = 0; i < 40; i++) {
            table.record(List.of(file("a.py", "h" + i, "f" + i)), List.of());
        }
        table.compact();
        assertThat(Files.readAllLines(file)).hasSize(2); // a clear, then the one file
        assertThat(SymbolTable.load(file).all()).extracting(Symbol::name).containsExactly("f39");
    }
}
