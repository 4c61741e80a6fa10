package dev.codeindexer.chunk;

import dev.codeindexer.chunk.Windower.Line;
import dev.codeindexer.chunk.Windower.Window;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Turns units (an entity's lines, a file's leftover lines, a section) into chunks of one file: one chunk when the
 * unit fits the budget, windows with a header line when it does not, and a content-derived id for each. A documented
 * unit over the budget first loses the details of its doc (all but the summary), so that its first chunk holds the
 * summary with the signature; the details cut go to chunks of their own that end with the
 * signature line, so that no chunk is documentation alone and no words of the doc are lost to search.
 */
final class ChunkAssembler {

    private static final int MAX_SIGNATURE_CHARS = 150;

    /**
     * @param type       entity type of the chunk
     * @param windowType entity type of its windows when it must be split
     * @param entityId   qualified id
     * @param parentId   enclosing scope's id or null
     * @param startLine  the unit's range when it is one chunk (a class's full span, though its content is the
     *                   header); 0 for the range of the lines themselves
     * @param endLine    see startLine
     * @param lines      the lines that make its content, ascending
     * @param doc        its doc, exactly as it appears in the lines, or empty
     * @param docFirstLine the first line of the doc, 0 when the doc has no lines of its own
     * @param docLastLine  the last line of the doc
     * @param signature  the line that names it, for window headers and the chunks of its doc's details; null for
     *                   files and sections
     */
    record Unit(EntityType type, EntityType windowType, String entityId, String parentId, int startLine,
                int endLine, List<Line> lines, String doc, int docFirstLine, int docLastLine, Line signature) {

        /** A unit without a doc of its own lines: a file's rest, a section, a text. */
        static Unit undocumented(EntityType type, EntityType windowType, String entityId, String parentId,
                                 List<Line> lines) {
            return new Unit(type, windowType, entityId, parentId, 0, 0, lines, "", 0, 0, null);
        }
    }

    /** A unit's lines with its doc cut to what fits, the part of the doc they still hold, and the doc lines cut. */
    private record DocCut(List<Line> lines, String doc, List<Line> details) {
    }

    private final String path;
    private final Language language;
    private final Windower windower;
    private final List<Chunk> chunks = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    ChunkAssembler(String path, Language language, Windower windower) {
        this.path = path;
        this.language = language;
        this.windower = windower;
    }

    void add(Unit unit) {
        List<Line> lines = trimBlankEdges(unit.lines());
        if (lines.isEmpty()) {
            return;
        }
        String content = join(lines);
        boolean fromLines = unit.startLine() <= 0;
        int entityStart = fromLines ? lines.getFirst().number() : Math.min(unit.startLine(), lines.getFirst().number());
        int entityEnd = fromLines ? lines.getLast().number() : Math.max(unit.endLine(), lines.getLast().number());
        // A file's text outside its entities (or a whole prose file) is no entity: each window is its own hit,
        // or a hit in a changelog would span the whole file.
        boolean ownRange = unit.type() == EntityType.FILE;
        int wholeStart = fromLines ? lines.getFirst().number() : unit.startLine();
        int wholeEnd = fromLines ? lines.getLast().number() : unit.endLine();
        if (windower.fits(content)) {
            emit(unit.type(), unit, wholeStart, wholeEnd, entityStart, entityEnd, content, unit.doc(), 0);
            return;
        }
        String doc = unit.doc();
        DocCut cut = cutDoc(unit, lines);
        if (cut != null) {
            lines = cut.lines();
            doc = cut.doc();
            String trimmed = join(lines);
            if (windower.fits(trimmed)) {
                emit(unit.type(), unit, wholeStart, wholeEnd, entityStart, entityEnd, trimmed, doc, 0);
                addDetails(unit, cut.details(), entityStart, entityEnd, 1);
                return;
            }
        }
        String header = name(unit);
        if (unit.signature() != null && !unit.signature().isBlank()) {
            String signature = unit.signature().text().strip();
            header += " > " + (signature.length() > MAX_SIGNATURE_CHARS
                    ? signature.substring(0, MAX_SIGNATURE_CHARS) : signature);
        }
        List<Window> windows = windower.split(lines, header, 0);
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            emit(unit.windowType(), unit, window.startLine(), window.endLine(),
                    ownRange ? window.startLine() : entityStart, ownRange ? window.endLine() : entityEnd,
                    window.content(), doc, i);
        }
        if (cut != null) {
            addDetails(unit, cut.details(), entityStart, entityEnd, windows.size());
        }
    }

    /** The path, and the entity's id when it is not the file itself: the start of every window's header. */
    private String name(Unit unit) {
        return unit.entityId().equals(path) ? path : path + " > " + unit.entityId();
    }

    /**
     * The doc lines cut from a long entity's chunks, in windows that each hold the signature line too (before them
     * for a docstring, after them for a comment), headed by the entity's name: the doc's words stay searchable,
     * and what matches them names and shows the code they document.
     */
    private void addDetails(Unit unit, List<Line> details, int entityStart, int entityEnd, int firstWindow) {
        Line signature = unit.signature();
        if (details.stream().allMatch(Line::isBlank) || signature == null) {
            return;
        }
        String signatureText = windower.prefixWithin(signature.text(), windower.maxTokens() / 4);
        String header = name(unit);
        List<Window> windows = windower.split(details, header, windower.cost(signatureText) + 1);
        for (int i = 0; i < windows.size(); i++) {
            Window window = windows.get(i);
            // The window is its header line, then its doc lines; the signature goes where the file has it.
            int cut = window.content().indexOf('\n');
            String head = window.content().substring(0, cut);
            String docText = window.content().substring(cut + 1);
            boolean signatureFirst = signature.number() < window.startLine();
            String content = signatureFirst ? head + "\n" + signatureText + "\n" + docText
                    : window.content() + "\n" + signatureText;
            emit(unit.windowType(), unit, Math.min(window.startLine(), signature.number()),
                    Math.max(window.endLine(), signature.number()), entityStart, entityEnd, content, docText.strip(),
                    firstWindow + i);
        }
    }

    /**
     * The unit's lines with its doc reduced to the summary, and the rest of the doc: a long doc body (examples,
     * {@code <pre>} blocks, parameter lists) is cut before any code is, and the signature follows the summary. Only
     * the summary stays even when more would fit, because an entity whose first chunk also held its details beside
     * the whole code outranked the answer more often than it was the answer (README, "No chunk is documentation
     * alone"). Null when the unit has no doc lines or nothing but them.
     */
    private DocCut cutDoc(Unit unit, List<Line> lines) {
        if (unit.docFirstLine() <= 0) {
            return null;
        }
        List<Line> doc = new ArrayList<>();
        List<Line> code = new ArrayList<>();
        for (Line line : lines) {
            boolean inDoc = line.number() >= unit.docFirstLine() && line.number() <= unit.docLastLine();
            (inDoc ? doc : code).add(line);
        }
        if (doc.isEmpty() || code.stream().allMatch(Line::isBlank)) {
            return null;
        }
        int keep = DocSummary.length(doc, windower.counter(), windower.maxTokens() / 4);
        String kept = keep == doc.size() ? unit.doc() : join(doc.subList(0, keep)).strip();
        return new DocCut(merged(doc.subList(0, keep), code), kept, trimBlankEdges(doc.subList(keep, doc.size())));
    }

    /** Two runs of lines as one, in line order. */
    private static List<Line> merged(List<Line> a, List<Line> b) {
        List<Line> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            boolean fromA = j == b.size() || i < a.size() && a.get(i).number() <= b.get(j).number();
            out.add(fromA ? a.get(i++) : b.get(j++));
        }
        return out;
    }

    List<Chunk> chunks() {
        return List.copyOf(chunks);
    }

    /** Adds one chunk; {@code doc} is what the unit's content holds of its doc, kept only if this chunk has it. */
    private void emit(EntityType type, Unit unit, int startLine, int endLine, int entityStart, int entityEnd,
                      String content, String doc, int window) {
        doc = !doc.isEmpty() && content.contains(doc) ? doc : "";
        chunks.add(new Chunk(path, language, type, unit.entityId(), unit.parentId(), startLine, endLine,
                Math.min(entityStart, startLine), Math.max(entityEnd, endLine), content, doc,
                uniqueId(unit.entityId(), window, content)));
    }

    /**
     * Hash of path, entity id, window index and content; identical twins in one file (the same function under two
     * preprocessor branches) get an ordinal so ids stay distinct, deterministically by position.
     */
    private String uniqueId(String entityId, int window, String content) {
        String base = path + '\0' + entityId + '\0' + window + '\0' + content;
        String id = sha256(base);
        for (int n = 1; !ids.add(id); n++) {
            id = sha256(base + '\0' + n);
        }
        return id;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            // 128 bits: collisions are out of reach for any repository, and ids stay short in the store.
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static List<Line> trimBlankEdges(List<Line> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isBlank()) {
            to--;
        }
        return lines.subList(from, to);
    }

    private static String join(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(lines.get(i).text());
        }
        return sb.toString();
    }
}
