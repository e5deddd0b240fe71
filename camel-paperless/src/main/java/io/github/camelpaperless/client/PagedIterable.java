package io.github.camelpaperless.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JavaType;

/**
 * A lazy iterable over every item of a list endpoint. Each {@link #iterator()} starts a fresh walk: it fetches the first
 * page when first asked for an item and follows {@code next} links (rewritten to the configured base URL, since behind
 * reverse proxies the server often returns internal hosts) only when the current page is used up. Only one page is held
 * in memory (read straight from the connection; released item by item as it is handed out, and before the next page is
 * fetched), so walking 100k items takes constant memory.
 */
public final class PagedIterable<T> implements Iterable<T> {

    private final PaperlessClient client;
    private final String path;
    private final Query query;
    private final JavaType itemType;
    private final long maxResults;
    private final boolean readAhead;

    PagedIterable(PaperlessClient client, String path, Query query, JavaType itemType, long maxResults) {
        this(client, path, query, itemType, maxResults, false);
    }

    private PagedIterable(PaperlessClient client, String path, Query query, JavaType itemType, long maxResults,
                          boolean readAhead) {
        this.client = client;
        this.path = path;
        this.query = query == null ? Query.create() : query.copy();
        this.itemType = itemType;
        this.maxResults = maxResults;
        this.readAhead = readAhead;
    }

    /**
     * The same items, with the next page read in the background while the current one is handed out: walking a
     * listing then costs the longer of the server's time and the caller's work per page, not their sum. At most two pages
     * are held. A walk stopped early may have read one page it did not use ({@code maxResults} is respected: no page is
     * read beyond it). A page that fails fails the walk where it would have without read-ahead, with the same exception.
     * A Camel route's {@code list} (and {@code search}, {@code moreLike}) reads ahead.
     */
    public PagedIterable<T> readAhead() {
        return readAhead ? this : new PagedIterable<>(client, path, query, itemType, maxResults, true);
    }

    /** Whether {@link #readAhead()} is on (not a bean getter: JSON of a listing stays an array of its items). */
    public boolean readsAhead() {
        return readAhead;
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
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    @Override
    public String toString() {
        return "PagedIterable[" + path + (query.isEmpty() ? "" : "?" + query) + (readAhead ? ", read-ahead" : "") + "]";
    }

    private final class It implements Iterator<T> {
        private Object[] items; // the current page; a slot is cleared when its item is handed out
        private int index;
        private boolean started;
        private String next;
        private int number;
        private long returned;
        private Future<Page<T>> ahead; // the next page, being read (read-ahead only)

        @Override
        public boolean hasNext() {
            if (maxResults > 0 && returned >= maxResults) {
                return false;
            }
            while (items == null || index >= items.length) {
                // the page used up is let go before the next one is read: one page in memory, not two
                items = null;
                Page<T> page;
                if (!started) {
                    started = true;
                    page = client.page(path, query, 1, itemType);
                } else if (ahead != null) {
                    page = await(ahead);
                    ahead = null;
                } else if (next != null) {
                    page = client.pageAt(next, itemType, number + 1);
                } else {
                    return false;
                }
                next = page.hasNext() ? page.next() : null;
                number = page.number();
                items = page.items().toArray();
                index = 0;
                if (readAhead && next != null && (maxResults <= 0 || returned + items.length < maxResults)) {
                    String url = next;
                    int n = number + 1;
                    ahead = client.readAhead(() -> client.pageAt(url, itemType, n));
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
