package dev.codeindexer.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Entities over the budget, from real projects in four languages (samples/long): no chunk is documentation alone,
 * the first chunk holds the signature with the doc's summary, the doc's details are cut from it before any code is
 * (into chunks of their own that hold the signature line), and every window carries the entity's name and
 * signature.
 */
class LongEntityDocTest {

    private static final int BUDGET = ChunkerOptions.DEFAULT_MAX_TOKENS;
    private static Chunker chunker;

    @BeforeAll
    static void open() {
        chunker = Chunker.create();
    }

    @AfterAll
    static void close() {
        chunker.close();
    }

    /**
     * file | entity | its signature's first line | the doc's first words | a line of the doc's details, cut
     */
    private static final String ENTITIES = """
            StringUtils.java | StringUtils.abbreviate | public static String abbreviate(final String str, final int offset, final int maxWidth) { | Abbreviates a String using ellipses. | * StringUtils.abbreviate("abcdefghij", 5, 6)        = IllegalArgumentException
            StringUtils.java | StringUtils.abbreviate | public static String abbreviate(final String str, final String abbrevMarker, int offset, final int maxWidth) { | Abbreviates a String using a given replacement marker. | * StringUtils.abbreviate("abcdefghijklmno", "*", 9, 10)    = "*ghijklmno"
            sessions.py      | sessions.Session.request | def request( | Constructs a :class:`Request <Request>`, prepares it and sends it. | :param cert: (optional) if String, path to ssl client cert file (.pem).
            debounce.js      | debounce | function debounce(func, wait, options) { | Creates a debounced function that delays invoking `func` until after `wait` | * jQuery(window).on('resize', _.debounce(calculateLayout, 150));
            client.go        | (*Client).Do | func (c *Client) Do(req *Request) (*Response, error) { | // Do sends an HTTP request and returns an HTTP response, following | // value's Timeout method will report true if the request timed out.
            """;

    /** The chunks of the entity whose signature starts with {@code signature} (overloads share an id). */
    private static List<Chunk> chunksOf(String file, String entityId, String signature) {
        String source = Samples.read("long/" + file);
        int line = lineOf(source, signature);
        List<Chunk> chunks = chunker.chunk(file, source).stream()
                .filter(c -> c.entityId().equals(entityId))
                .filter(c -> c.entityStartLine() <= line && line <= c.entityEndLine())
                .sorted(Comparator.comparingInt(Chunk::startLine)).toList();
        assertThat(chunks).as("chunks of %s", entityId).isNotEmpty();
        return chunks;
    }

    private static int lineOf(String source, String text) {
        List<String> lines = source.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(text.strip())) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + text);
    }

    /** The content's lines without the window header, if any. */
    private static List<String> body(Chunk c, String file) {
        List<String> lines = c.content().lines().toList();
        return lines.getFirst().startsWith(file + " > ") ? lines.subList(1, lines.size()) : lines;
    }

    /**
     * The line numbers of the entity's doc: the comment lines right above its signature, or the docstring right
     * below it (Python).
     */
    private static Set<Integer> docLines(String source, int signature, boolean docstring) {
        List<String> lines = source.lines().toList();
        Set<Integer> doc = new TreeSet<>();
        if (docstring) {
            int n = signature;
            while (!lines.get(n).strip().startsWith("\"\"\"")) {
                n++; // past a def's wrapped parameters
            }
            do {
                doc.add(n + 1);
            } while (!(lines.get(n++).strip().endsWith("\"\"\"") && doc.size() > 1));
            return doc;
        }
        for (int n = signature - 1; n >= 1; n--) {
            String s = lines.get(n - 1).strip();
            if (!(s.startsWith("/*") || s.startsWith("*") || s.startsWith("//"))) {
                break;
            }
            doc.add(n);
        }
        return doc;
    }

    /** Which source lines (by number, within the chunk's range) the chunk's content holds, matched in order. */
    private static List<Integer> heldLines(Chunk c, String source, String file) {
        List<String> lines = source.lines().toList();
        List<Integer> held = new ArrayList<>();
        int n = c.startLine();
        for (String text : body(c, file)) {
            while (n <= c.endLine() && !lines.get(n - 1).equals(text)) {
                n++;
            }
            assertThat(n).as("content line '%s' of %s is a source line in order", text, c.entityId())
                    .isLessThanOrEqualTo(c.endLine());
            held.add(n++);
        }
        return held;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = ENTITIES)
    void noChunkOfALongEntityIsDocumentationAlone(String file, String entityId, String signature, String summary,
                                                  String detail) {
        String source = Samples.read("long/" + file);
        Set<Integer> doc = docLines(source, lineOf(source, signature), file.endsWith(".py"));
        assertThat(doc).as("the sample's entity is documented").hasSizeGreaterThan(5);

        for (Chunk c : chunksOf(file, entityId, signature)) {
            assertThat(heldLines(c, source, file)).as("lines of chunk %d-%d", c.startLine(), c.endLine())
                    .anyMatch(n -> !doc.contains(n) && !source.lines().toList().get(n - 1).isBlank());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = ENTITIES)
    void theFirstChunkHoldsTheSignatureWithTheDocSummaryAndTheDetailsAreCutFirst(
            String file, String entityId, String signature, String summary, String detail) {
        String source = Samples.read("long/" + file);
        List<Chunk> chunks = chunksOf(file, entityId, signature);
        Chunk first = chunks.getFirst();
        List<String> body = body(first, file);

        assertThat(body).as("first chunk's lines").anyMatch(l -> l.strip().equals(signature.strip()));
        assertThat(String.join("\n", body)).contains(summary);
        assertThat(first.startLine()).as("the first chunk starts at the doc").isEqualTo(first.entityStartLine());
        assertThat(body).as("the first chunk lost the doc's last details").noneMatch(l -> l.strip().equals(detail.strip()));
        assertThat(chunks).as("a chunk of the details holds them with the signature").anySatisfy(c -> assertThat(body(c, file))
                .anyMatch(l -> l.strip().equals(detail.strip())).anyMatch(l -> l.strip().equals(signature.strip())));
        // The doc queries of the evaluation need the kept part of the doc exactly as it is in the content.
        assertThat(first.doc()).contains(summary);
        assertThat(first.content()).contains(first.doc());
        assertThat(chunks).allSatisfy(c -> assertThat(TokenCounter.heuristic().count(c.content()))
                .isLessThanOrEqualTo(BUDGET));

        // No code is cut: every code line of the entity is in one of its chunks.
        Set<Integer> doc = docLines(source, lineOf(source, signature), file.endsWith(".py"));
        Set<Integer> held = new TreeSet<>();
        chunks.forEach(c -> held.addAll(heldLines(c, source, file)));
        List<String> lines = source.lines().toList();
        for (int n = lineOf(source, signature); n <= first.entityEndLine(); n++) {
            if (!doc.contains(n) && !lines.get(n - 1).isBlank()) {
                assertThat(held).as("code line %d: %s", n, lines.get(n - 1)).contains(n);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = ENTITIES)
    void everyWindowOfALongBodyNamesTheEntityAndItsSignature(String file, String entityId, String signature,
                                                             String summary, String detail) {
        List<Chunk> chunks = chunksOf(file, entityId, signature);
        assertThat(chunks).allSatisfy(c -> assertThat(c.content()).contains(signature.strip()));
        // A first chunk that holds the whole code once the details are cut needs no header; every other one has it.
        List<Chunk> headed = chunks.getFirst().content().startsWith(file + " > ") ? chunks : chunks.subList(1, chunks.size());
        assertThat(headed).allSatisfy(c -> assertThat(c.content()).startsWith(file + " > " + entityId));
        assertThat(headed).filteredOn(c -> !body(c, file).contains(signature) && !body(c, file).contains("    " + signature))
                .allSatisfy(c -> assertThat(c.content().lines().findFirst().orElseThrow())
                        .isEqualTo(file + " > " + entityId + " > " + signature.strip()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            StringUtils.java | public static String abbreviate(final String str, final int offset, final int maxWidth) { | return abbreviate(str, "...", offset, maxWidth); | 1
            debounce.js      | function debounce(func, wait, options) {                                                     | return debounced;                                 | 3
            client.go        | func (c *Client) do(req *Request) (retres *Response, reterr error) {                       | return nil, uerr(err)                             | 2
            """)
    void aLongBodyStillBecomesWindowsAndAShortOneStaysWhole(String file, String signature, String lastCode,
                                                           int codeChunks) {
        String source = Samples.read("long/" + file);
        int line = lineOf(source, signature);
        List<Chunk> chunks = chunker.chunk(file, source).stream()
                .filter(c -> c.entityStartLine() <= line && line <= c.entityEndLine() && c.entityType() != EntityType.CLASS
                        && c.entityType() != EntityType.FILE)
                .toList();
        List<Chunk> withCode = chunks.stream().filter(c -> c.endLine() > line).toList();
        assertThat(withCode).as("chunks that hold code past the signature").hasSizeGreaterThanOrEqualTo(codeChunks);
        if (codeChunks == 1) {
            assertThat(withCode).hasSize(1);
        }
        assertThat(withCode).anySatisfy(c -> assertThat(c.content()).contains(lastCode));
    }
}
