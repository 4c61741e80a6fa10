package dev.codeindexer.search;

import static dev.codeindexer.store.filter.Filters.in;
import static dev.codeindexer.store.filter.Filters.range;

import dev.codeindexer.error.InvalidInputException;
import dev.codeindexer.index.ChunkSchema;
import dev.codeindexer.index.Codebase;
import dev.codeindexer.index.FileEntry;
import dev.codeindexer.index.Manifest;
import dev.codeindexer.store.SearchMode;
import dev.codeindexer.store.SearchRequest;
import dev.codeindexer.store.SearchResult;
import dev.codeindexer.store.filter.Filter;
import dev.codeindexer.store.filter.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Answers queries against one codebase's index: embeds the queries with the model the index was built with
 * (checked through the fingerprint), turns the options into one portable filter, and shapes the store's rows into
 * {@link SearchHit}s. Lexical and hybrid results are re-scored with the name signal ({@link NameMatch}); dense
 * results keep the vector ranking.
 */
public final class Searcher {
    private final Codebase codebase;

    public Searcher(Codebase codebase) {
        this.codebase = codebase;
    }

    /**
     * One result list per query, in query order, best first; from the generation that serves when a rebuild
     * switches generations during the search.
     */
    public List<List<SearchHit>> search(List<String> queries, SearchOptions options) {
        return codebase.read(() -> searchOnce(queries, options));
    }

    private List<List<SearchHit>> searchOnce(List<String> queries, SearchOptions options) {
        if (queries.isEmpty()) {
            return List.of();
        }
        for (String q : queries) {
            if (q == null || q.isBlank()) {
                throw new InvalidInputException("a query is empty; give some words or code to search for");
            }
        }
        codebase.checkFingerprint(false);
        List<String> paths = null;
        if (options.pathGlob() != null) {
            paths = PathGlob.of(options.pathGlob())
                    .filter(codebase.manifest().files().stream().map(FileEntry::path).toList());
            if (paths.isEmpty()) {
                return queries.stream().map(q -> List.<SearchHit>of()).toList(); // no indexed file matches
            }
        }
        // Where other worktrees' rows share the store, only this codebase's are searched.
        Filter scope = codebase.scope();
        Manifest manifest = codebase.manifest();
        Collection<FileEntry> recorded = manifest.files();
        // A row shared with another worktree may carry that one's lines; the manifest has this one's, by which a
        // line range is then applied, after the store.
        boolean placed = recorded.stream().anyMatch(e -> e.lines() != null);
        Filter filter = Filters.both(filter(placed ? options.toBuilder().lines(0, 0).build() : options, paths), scope);
        // More than asked, so that collapsing windows and grouping by file can still fill top-k, and so that the
        // demotions of prose, tests and leftovers have candidates to lift in their place (five times top-k: twice
        // lost 0.01-0.06 MRR@10 on the hand-written questions, README "Retrieval quality").
        int fetch = Math.min(1000, options.topK() * 5);
        SearchMode mode = options.mode();
        boolean standIns = mode != SearchMode.LEXICAL && codebase.marksStandIns();
        // The manifest (local, in memory) says whether any file waits for its vectors, or none is recorded yet (the
        // first batch is stored before it is recorded); only then is the store asked.
        if (standIns && (recorded.isEmpty() || recorded.stream().anyMatch(FileEntry::vectorsPending))
                && codebase.store().count(codebase.collection(),
                        Filters.both(Filters.eq(ChunkSchema.EMBEDDED, true), scope)) == 0) {
            // An index run's lexical pass: no vector to rank by yet, so the query is not embedded either (loading
            // the model would take a CPU second from the run). Hybrid is its lexical leg; dense finds nothing.
            if (mode == SearchMode.DENSE) {
                return queries.stream().map(q -> List.<SearchHit>of()).toList();
            }
            mode = SearchMode.LEXICAL;
        }
        SearchRequest.Builder request = SearchRequest.builder(codebase.collection()).mode(mode)
                .fusion(options.fusion()).topK(fetch).filter(filter).outputFields(OUTPUT);
        if (mode != SearchMode.LEXICAL && standIns) {
            // Rows an index run has stored but not embedded yet: found by their words, not by stand-in vectors.
            request.vectorFilter(Filters.eq(ChunkSchema.EMBEDDED, true));
        }
        if (mode != SearchMode.DENSE) {
            request.texts(queries.stream().map(QueryText::lexical).toList());
        }
        if (mode != SearchMode.LEXICAL) {
            request.vectors(codebase.model().embedQueries(queries));
        }
        List<List<SearchResult>> results = codebase.store().search(request.build());
        EntityCode entityCode = new EntityCode(codebase.location().codebase(), codebase.manifest()::get);
        List<List<SearchHit>> out = new ArrayList<>(results.size());
        for (int q = 0; q < results.size(); q++) {
            List<SearchHit> hits = results.get(q).stream().map(r -> hit(r, manifest))
                    .filter(h -> !placed || inLines(h, options)).toList();
            if (options.mode() != SearchMode.DENSE) {
                hits = NameMatch.rescore(hits, queries.get(q), options.nameWeight());
            }
            out.add(entityCode.apply(Ranking.shape(hits, queries.get(q), options.groupByFile(), options.topK(),
                    Ranking.asksForProse(options.languages(), options.entityTypes()) ? 1 : options.proseWeight(), options.pathGlob() != null ? 1 : options.testWeight())));
        }
        return out;
    }

    /**
     * The fraction of the index's chunks that have the model's vectors, 0..1: below 1 while an index run is embedding
     * what it stored (every chunk is found lexically meanwhile; dense ranking sees only the embedded ones).
     */
    public double denseCoverage() {
        return codebase.read(() -> {
            if (!codebase.marksStandIns()) {
                return 1.0;
            }
            Filter scope = codebase.scope();
            long standIns = codebase.store().count(codebase.collection(),
                    Filters.both(Filters.eq(ChunkSchema.EMBEDDED, false), scope));
            if (standIns == 0) {
                return 1.0;
            }
            long all = codebase.store().count(codebase.collection(), scope);
            return all == 0 ? 1.0 : Math.floor((all - standIns) * 1000.0 / all) / 1000.0;
        });
    }

    /** What to tell a person or an agent when {@link #denseCoverage} is below 1. */
    public static String coverageNote(double coverage) {
        return String.format(java.util.Locale.ROOT, "Note: indexing is still embedding: %.0f%% of the chunks have "
                + "vectors, so ranking by meaning sees only those; every file is already found by its words and "
                + "names. Search again when the index run has finished for the complete ranking.", coverage * 100);
    }

    /** The fields a hit shows; the lexical header is for matching only. */
    private static final List<String> OUTPUT = List.of(ChunkSchema.FILE_PATH, ChunkSchema.START_LINE,
            ChunkSchema.END_LINE, ChunkSchema.ENTITY_START_LINE, ChunkSchema.ENTITY_END_LINE, ChunkSchema.LANGUAGE, ChunkSchema.ENTITY_TYPE, ChunkSchema.ENTITY_ID,
            ChunkSchema.CHUNK_ID, ChunkSchema.CONTENT);

    /** The filter for {@code o}, with the glob already resolved to {@code paths} (null: no glob); null for none. */
    static Filter filter(SearchOptions o, List<String> paths) {
        List<Filter> all = new ArrayList<>();
        if (!o.languages().isEmpty()) {
            all.add(in(ChunkSchema.LANGUAGE, o.languages()));
        }
        if (!o.entityTypes().isEmpty()) {
            all.add(in(ChunkSchema.ENTITY_TYPE, o.entityTypes()));
        }
        if (paths != null) {
            all.add(in(ChunkSchema.FILE_PATH, paths));
        }
        // A chunk overlaps [from, to] when it starts before `to` ends and ends after `from` starts.
        if (o.toLine() > 0) {
            all.add(range(ChunkSchema.START_LINE).lte(o.toLine()));
        }
        if (o.fromLine() > 1) {
            all.add(range(ChunkSchema.END_LINE).gte(o.fromLine()));
        }
        if (o.filter() != null) {
            all.add(o.filter());
        }
        return all.isEmpty() ? null : all.size() == 1 ? all.getFirst() : Filters.and(all);
    }

    /**
     * A row as a hit: the entity's range, with the chunk's own range as the part that matched; at the lines the
     * manifest records for it when the row is shared with other worktrees ({@link FileEntry#lines}).
     */
    private static SearchHit hit(SearchResult r, Manifest manifest) {
        Map<String, Object> m = r.metadata();
        String path = (String) m.get(ChunkSchema.FILE_PATH);
        String id = (String) m.get(ChunkSchema.CHUNK_ID);
        FileEntry entry = manifest.get(path);
        FileEntry.Lines here = entry == null ? null : entry.linesOf(id);
        long start = here != null ? here.start() : (Long) m.get(ChunkSchema.START_LINE);
        long end = here != null ? here.end() : (Long) m.get(ChunkSchema.END_LINE);
        long entityStart = here != null ? here.entityStart() : (Long) m.getOrDefault(ChunkSchema.ENTITY_START_LINE, start);
        long entityEnd = here != null ? here.entityEnd() : (Long) m.getOrDefault(ChunkSchema.ENTITY_END_LINE, end);
        return new SearchHit(path, entityStart, entityEnd, start, end, (String) m.get(ChunkSchema.LANGUAGE),
                (String) m.get(ChunkSchema.ENTITY_TYPE), (String) m.get(ChunkSchema.ENTITY_ID), r.score(), id,
                (String) m.get(ChunkSchema.CONTENT), List.of());
    }

    /** Whether the part of {@code h} that matched overlaps the line range {@code o} asks for, if any. */
    private static boolean inLines(SearchHit h, SearchOptions o) {
        return (o.toLine() <= 0 || h.matchStartLine() <= o.toLine())
                && (o.fromLine() <= 1 || h.matchEndLine() >= o.fromLine());
    }
}
