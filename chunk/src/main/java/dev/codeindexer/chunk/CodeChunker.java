package dev.codeindexer.chunk;

import dev.codeindexer.chunk.ChunkAssembler.Unit;
import dev.codeindexer.chunk.Windower.Line;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lays a file's entities over its lines: each line goes to the innermost entity that holds it, a container keeps
 * the lines its members do not have plus each member's signature line, and the lines no entity holds (package,
 * imports, top-level statements) make the file chunk.
 */
final class CodeChunker {

    private CodeChunker() {
    }

    static void addUnits(String path, SourceText source, List<Entity> roots, ChunkAssembler out) {
        int lineCount = source.lineCount();
        boolean[] taken = new boolean[lineCount + 2];
        for (Entity entity : roots) {
            for (int line = entity.start; line <= Math.min(entity.end, lineCount); line++) {
                taken[line] = true;
            }
        }
        // The lines no entity holds, as runs of adjacent lines: a run ends where an entity was taken out, so that
        // each chunk's range holds only its own text (one chunk of a file's imports and its last line would span,
        // and seem to answer for, every function in between). Every line with text stays in some chunk.
        List<Line> run = new ArrayList<>();
        for (int line = 1; line <= lineCount; line++) {
            if (!taken[line]) {
                run.add(new Line(line, source.line(line)));
            } else if (!run.isEmpty()) {
                out.add(Unit.undocumented(EntityType.FILE, EntityType.FILE, path, null, run));
                run = new ArrayList<>();
            }
        }
        if (!run.isEmpty()) {
            out.add(Unit.undocumented(EntityType.FILE, EntityType.FILE, path, null, run));
        }
        for (Entity entity : roots) {
            addEntity(source, entity, out);
        }
    }

    private static void addEntity(SourceText source, Entity entity, ChunkAssembler out) {
        int end = Math.min(entity.end, source.lineCount());
        List<Line> lines = new ArrayList<>();
        if (entity.children.isEmpty()) {
            for (int line = entity.start; line <= end; line++) {
                lines.add(new Line(line, source.line(line)));
            }
        } else {
            boolean[] keep = new boolean[end - entity.start + 1];
            Arrays.fill(keep, true);
            for (Entity child : entity.children) {
                for (int line = Math.max(child.start, entity.start); line <= Math.min(child.end, end); line++) {
                    keep[line - entity.start] = false;
                }
            }
            for (Entity child : entity.children) {
                if (child.signatureLine >= entity.start && child.signatureLine <= end) {
                    keep[child.signatureLine - entity.start] = true;
                }
            }
            for (int line = entity.start; line <= end; line++) {
                if (keep[line - entity.start]) {
                    lines.add(new Line(line, source.line(line)));
                }
            }
        }
        Line signature = entity.signatureLine <= source.lineCount()
                ? new Line(entity.signatureLine, source.line(entity.signatureLine)) : null;
        out.add(new Unit(entity.type, entity.type, entity.id, entity.parentId, entity.start, end, lines, entity.doc,
                entity.docFirstLine, entity.docLastLine, signature));
        for (Entity child : entity.children) {
            addEntity(source, child, out);
        }
    }
}
