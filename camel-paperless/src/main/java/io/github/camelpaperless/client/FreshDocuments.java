package io.github.camelpaperless.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;

import io.github.camelpaperless.client.model.Document;

/**
 * The documents of uploads one look of the {@link TaskWatcher} saw consumed, read in one listing: when a look notices
 * several of this client's uploads finished, each waiting upload would read its new document with its own
 * {@code GET documents/<id>/}; instead the first of them reads all of them with one
 * {@code GET documents/?id__in=<ids>} (the same serializer, the same fields) and the others take theirs from it.
 * <p>
 * Only ids announced by {@link #expect} are read this way, and only two or more at once: a lone upload, and every other
 * read, is the plain {@code GET documents/<id>/}. A document the listing did not bring (not visible, deleted meanwhile)
 * or a listing that failed falls back to that plain read, so batching never changes what a read returns. Announced ids
 * nobody reads (a task waited for without reading its document) are forgotten after {@link #FRESH_FOR_NANOS}.
 */
final class FreshDocuments {

    /** How long an announced id, or a document read for an announced id, is kept for its reader. */
    static final long FRESH_FOR_NANOS = 10_000_000_000L;
    /** The most ids one listing asks for (one page). */
    static final int MAX_BATCH = 100;

    private final Function<List<Integer>, List<Document>> listing;
    /** Announced ids not read yet → when they stop being announced. */
    private final Map<Integer, Long> expected = new LinkedHashMap<>();
    /** Reads under way or done for announced ids → their document ({@code null}: read it alone). */
    private final Map<Integer, Pending> pending = new HashMap<>();

    private record Pending(CompletableFuture<Document> document, long until) {
    }

    /** @param listing reads the documents with these ids in one request (order and completeness not assumed) */
    FreshDocuments(Function<List<Integer>, List<Document>> listing) {
        this.listing = listing;
    }

    /** Announces the documents of uploads just seen consumed: their readers come soon. */
    synchronized void expect(List<Integer> ids) {
        long until = System.nanoTime() + FRESH_FOR_NANOS;
        for (Integer id : ids) {
            if (id != null && !pending.containsKey(id)) {
                expected.put(id, until);
            }
        }
    }

    /** The document {@code id}: from the shared listing when it was announced with others, else {@code single}. */
    Document get(int id, IntFunction<Document> single) {
        CompletableFuture<Document> mine;
        List<Integer> batch = null;
        Map<Integer, CompletableFuture<Document>> others = new HashMap<>();
        synchronized (this) {
            forgetStale(System.nanoTime());
            Pending p = pending.remove(id);
            if (p != null) {
                mine = p.document();
            } else if (expected.remove(id) != null && !expected.isEmpty()) {
                batch = new ArrayList<>();
                batch.add(id);
                for (Iterator<Integer> it = expected.keySet().iterator(); it.hasNext() && batch.size() < MAX_BATCH;) {
                    batch.add(it.next());
                    it.remove();
                }
                long until = System.nanoTime() + FRESH_FOR_NANOS;
                mine = new CompletableFuture<>();
                for (Integer other : batch.subList(1, batch.size())) {
                    CompletableFuture<Document> theirs = new CompletableFuture<>();
                    others.put(other, theirs);
                    pending.put(other, new Pending(theirs, until));
                }
            } else {
                return single.apply(id);
            }
        }
        if (batch != null) {
            Map<Integer, Document> read = new HashMap<>();
            try {
                for (Document d : listing.apply(batch)) {
                    read.put(d.id(), d);
                }
            } catch (RuntimeException e) {
                // each reader reads its own: the plain read reports what is wrong, if anything still is
            }
            mine.complete(read.get(id));
            others.forEach((other, theirs) -> theirs.complete(read.get(other)));
        }
        Document d = mine.join();
        return d != null ? d : single.apply(id);
    }

    private void forgetStale(long now) {
        expected.values().removeIf(until -> now - until > 0);
        pending.values().removeIf(p -> now - p.until() > 0 && p.document().isDone());
    }
}
