package io.github.camelpaperless.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JavaType;

/**
 * A lazy iterable over every item of a list endpoint. Each {@link #iterator()} starts a fresh walk: it fetches the first
 * page when first asked for an item and follows {@code next} links (rewritten to the configured base URL, since behind
 * reverse proxies the server often returns internal hosts) only when the current page is used up. Only one page is held
 * in memory, so walking 100k items takes constant memory.
 */
public final class PagedIterable<T> implements Iterable<T> {

    private final PaperlessClient client;
    private final String path;
    private final Query query;
    private final JavaType itemType;
    private final long maxResults;

    PagedIterable(PaperlessClient client, String path, Query query, JavaType itemType, long maxResults) {
        this.client = client;
        this.path = path;
        this.query = query == null ? Query.create() : query.copy();
        this.itemType = itemType;
        this.maxResults = maxResults;
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
        return "PagedIterable[" + path + (query.isEmpty() ? "" : "?" + query) + "]";
    }

    private final class It implements Iterator<T> {
        private Page<T> page;
        private Iterator<T> items;
        private long returned;

        @Override
        public boolean hasNext() {
            if (maxResults > 0 && returned >= maxResults) {
                return false;
            }
            while (items == null || !items.hasNext()) {
                if (page == null) {
                    page = client.page(path, query, 1, itemType);
                } else if (page.hasNext()) {
                    page = client.pageAt(page.next(), itemType, page.number() + 1);
                } else {
                    return false;
                }
                items = page.items().iterator();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            returned++;
            return items.next();
        }
    }
}
