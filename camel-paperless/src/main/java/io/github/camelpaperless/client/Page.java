package io.github.camelpaperless.client;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One page of a list response.
 *
 * @param items    the items of this page
 * @param count    the total number of matching items (for unpaginated lists: the size of the list)
 * @param next     the absolute URL of the next page, rewritten to the configured base URL, or {@code null}
 * @param previous the absolute URL of the previous page, rewritten, or {@code null}
 * @param number   the page number (1-based)
 * @param allIds        the ids of all matching items ({@code all} key; API 9 only, else {@code null})
 * @param selectionData the counts per correspondent, document type, storage path, tag and custom field over all
 *                      matching documents, when asked for ({@code include_selection_data}, Paperless-ngx 3), else
 *                      {@code null}
 */
public record Page<T>(List<T> items, long count, String next, String previous, int number, List<Integer> allIds,
        JsonNode selectionData) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public Page(List<T> items, long count, String next, String previous, int number, List<Integer> allIds) {
        this(items, count, next, previous, number, allIds, null);
    }

    public boolean hasNext() {
        return next != null;
    }
}
