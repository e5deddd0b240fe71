package io.github.camelpaperless.client;

import java.util.List;

/**
 * One page of a list response.
 *
 * @param items    the items of this page
 * @param count    the total number of matching items (for unpaginated lists: the size of the list)
 * @param next     the absolute URL of the next page, rewritten to the configured base URL, or {@code null}
 * @param previous the absolute URL of the previous page, rewritten, or {@code null}
 * @param number   the page number (1-based)
 * @param allIds   the ids of all matching items ({@code all} key; API 9 only, else {@code null})
 */
public record Page<T>(List<T> items, long count, String next, String previous, int number, List<Integer> allIds) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public boolean hasNext() {
        return next != null;
    }
}
