package io.github.camelpaperless.client;

import java.io.Closeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.model.HasId;

/**
 * A lazy iterable over every item of a list endpoint. Each {@link #iterator()} starts a fresh walk: it fetches the first
 * page when first asked for an item and follows {@code next} links (rewritten to the configured base URL, since behind
 * reverse proxies the server often returns internal hosts) only when the current page is used up. Only one page is held
 * in memory (read straight from the connection; released item by item as it is handed out, and before the next page is
 * fetched), so walking 100k items takes constant memory.
 * <p>
 * Offset pages ({@code page=N}) shift when the listed set changes during the walk: a route that takes documents out of
 * the selection while walking it (removes the inbox tag while walking {@code is_in_inbox=true}) skips a page's worth for
 * each page it took out. A {@link #snapshot()} walk cannot skip: it reads the ids of every match first, then the items
 * in chunks by id.
 */
public final class PagedIterable<T> implements Iterable<T> {

    /** Most ids one chunk of a snapshot walk asks for ({@code id__in}; keeps the URL short for proxies). */
    static final int SNAPSHOT_CHUNK = 100;
    /** The server's largest page: ids of a snapshot are read in pages of this size. */
    static final int MAX_PAGE_SIZE = 100_000;

    private final PaperlessClient client;
    private final String path;
    private final Query query;
    private final JavaType itemType;
    private final long maxResults;
    private final boolean readAhead;
    private final boolean snapshot;

    PagedIterable(PaperlessClient client, String path, Query query, JavaType itemType, long maxResults) {
        this(client, path, query, itemType, maxResults, false, false);
    }

    private PagedIterable(PaperlessClient client, String path, Query query, JavaType itemType, long maxResults,
                          boolean readAhead, boolean snapshot) {
        this.client = client;
        this.path = path;
        this.query = query == null ? Query.create() : query.copy();
        this.itemType = itemType;
        this.maxResults = maxResults;
        this.readAhead = readAhead;
        this.snapshot = snapshot;
    }

    /**
     * The same items, with the next page read in the background while the current one is handed out: walking a
     * listing then costs the longer of the server's time and the caller's work per page, not their sum. At most two pages
     * are held. A walk stopped early may have read one page it did not use ({@code maxResults} is respected: no page is
     * read beyond it); a walk closed early (Camel's splitter closes it) drops the page being read. A page that fails
     * fails the walk where it would have without read-ahead, with the same exception. A Camel route's {@code list}
     * (and {@code search}, {@code moreLike}) reads ahead.
     */
    public PagedIterable<T> readAhead() {
        return readAhead ? this : new PagedIterable<>(client, path, query, itemType, maxResults, true, snapshot);
    }

    /**
     * The same items as they matched when the walk started, none skipped even when the caller changes what the filters
     * select while walking (offset pages would shift under it): the walk first reads the ids of every match
     * ({@code fields=id}, in the listing's order, up to 100,000 per request), then the items in chunks of
     * {@value #SNAPSHOT_CHUNK} by id ({@code id__in}). An item deleted meanwhile is left out; one that matches only after
     * the start is not included. For resources whose items have an id filter ({@code id__in}): documents, tags,
     * correspondents, document types, storage paths, custom fields.
     */
    public PagedIterable<T> snapshot() {
        if (!HasId.class.isAssignableFrom(itemType.getRawClass()) && !JsonNode.class.isAssignableFrom(itemType.getRawClass())) {
            throw new IllegalArgumentException("A snapshot walk needs items with ids, not " + itemType.getRawClass().getName());
        }
        return snapshot ? this : new PagedIterable<>(client, path, query, itemType, maxResults, readAhead, true);
    }

    /** Whether {@link #readAhead()} is on (not a bean getter: JSON of a listing stays an array of its items). */
    public boolean readsAhead() {
        return readAhead;
    }

    /** Whether this is a {@link #snapshot()} walk (not a bean getter). */
    public boolean walksSnapshot() {
        return snapshot;
    }

    /** The first page only (one request). */
    public Page<T> firstPage() {
        return client.page(path, query, 1, itemType);
    }

    @Override
    public Iterator<T> iterator() {
        return new It();
    }

    public Stream<T> stream() {
        It it = new It();
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false).onClose(it::close);
    }

    @Override
    public String toString() {
        return "PagedIterable[" + path + (query.isEmpty() ? "" : "?" + query) + (readAhead ? ", read-ahead" : "")
               + (snapshot ? ", snapshot" : "") + "]";
    }

    /** The ids of every match, in the listing's order (snapshot walks). */
    private List<Integer> readIds() {
        Query q = query.copy().set("fields", "id").set("page_size", MAX_PAGE_SIZE);
        List<Integer> ids = new ArrayList<>();
        JavaType node = client.type(JsonNode.class);
        Page<JsonNode> page = client.page(path, q, 1, node);
        while (true) {
            for (JsonNode n : page.items()) {
                ids.add(n.path("id").asInt());
            }
            if (!page.hasNext() || maxResults > 0 && ids.size() >= maxResults) {
                return ids;
            }
            page = client.pageAt(page.next(), node, page.number() + 1);
        }
    }

    /** One chunk of a snapshot walk: the items with these ids, in the snapshot's order. */
    private Page<T> chunk(List<Integer> ids, int number, boolean more) {
        Query q = query.copy().set("id__in", ids).set("page_size", ids.size());
        Map<Integer, T> byId = new HashMap<>();
        for (T item : client.<T> page(path, q, 1, itemType).items()) {
            byId.put(idOf(item), item);
        }
        List<T> ordered = new ArrayList<T>(ids.size());
        for (Integer id : ids) {
            T item = byId.get(id);
            if (item != null) {
                ordered.add(item); // else: deleted (or no longer visible) since the ids were read
            }
        }
        return new Page<T>(ordered, ordered.size(), more ? "snapshot" : null, null, number, null);
    }

    private static Integer idOf(Object item) {
        return item instanceof HasId h ? h.id() : ((JsonNode) item).path("id").asInt();
    }

    /**
     * A walk over the items; {@link #close()} ends it early (Camel's splitter closes it when the split ends, also on
     * failure): a page being read ahead is abandoned and nothing more is read or held.
     */
    private final class It implements Iterator<T>, Closeable {
        private Object[] items; // the current page; a slot is cleared when its item is handed out
        private int index;
        private boolean started;
        private String next;
        private int number;
        private long returned;
        private Future<Page<T>> ahead; // the next page, being read (read-ahead only)
        private boolean closed;
        private List<Integer> ids; // snapshot walks: every id, read at the start
        private int idIndex;

        @Override
        public void close() {
            closed = true;
            items = null;
            next = null;
            ids = null;
            Future<Page<T>> a = ahead;
            ahead = null;
            if (a != null) {
                a.cancel(true); // its page is dropped when it arrives
            }
        }

        /** Reads page {@code n} (the first, or the one after the current). */
        private Page<T> load(int n, String link) {
            if (!snapshot) {
                return n == 1 ? client.page(path, query, 1, itemType) : client.pageAt(link, itemType, n);
            }
            int from = (n - 1) * SNAPSHOT_CHUNK;
            List<Integer> snapshotIds = ids;
            if (snapshotIds == null || from >= snapshotIds.size()) {
                return new Page<T>(List.of(), 0, null, null, n, null);
            }
            int to = Math.min(snapshotIds.size(), from + SNAPSHOT_CHUNK);
            return chunk(new ArrayList<>(snapshotIds.subList(from, to)), n, to < snapshotIds.size());
        }

        @Override
        public boolean hasNext() {
            if (closed || maxResults > 0 && returned >= maxResults) {
                return false;
            }
            while (items == null || index >= items.length) {
                // the page used up is let go before the next one is read: one page in memory, not two
                items = null;
                Page<T> page;
                if (!started) {
                    started = true;
                    if (snapshot) {
                        ids = readIds();
                    }
                    page = load(1, null);
                } else if (ahead != null) {
                    page = await(ahead);
                    ahead = null;
                } else if (next != null) {
                    page = load(number + 1, next);
                } else {
                    return false;
                }
                if (closed) {
                    return false;
                }
                next = page.hasNext() ? page.next() : null;
                number = page.number();
                items = page.items().toArray();
                index = 0;
                if (readAhead && next != null && (maxResults <= 0 || returned + items.length < maxResults)) {
                    String link = next;
                    int n = number + 1;
                    ahead = client.readAhead(() -> load(n, link));
                }
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            returned++;
            @SuppressWarnings("unchecked")
            T item = (T) items[index];
            // handed out: no longer held here, so a slow consumer of a big page does not keep what it has processed
            items[index++] = null;
            return item;
        }
    }

    private static <P> P await(Future<P> page) {
        try {
            return page.get();
        } catch (InterruptedException e) {
            page.cancel(true);
            Thread.currentThread().interrupt();
            throw new PaperlessException("Interrupted while waiting for the next page", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause; // the typed exception the page's request failed with
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new PaperlessException("Reading the next page failed: " + cause, cause);
        }
    }
}
