package io.github.camelpaperless.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which documents a bulk operation applies to: explicit ids, or every document matching filters ({@code all=true}).
 */
public record DocumentSelection(List<Integer> ids, boolean all, Map<String, Object> filters) {

    public DocumentSelection {
        ids = ids == null ? null : List.copyOf(ids);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }

    public static DocumentSelection of(List<Integer> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException("No documents selected: give document ids, or all=true with filters");
        }
        return new DocumentSelection(ids, false, null);
    }

    /** Every document matching the filters (document filter names, e.g. {@code tags__id__all}). */
    public static DocumentSelection all(Map<String, Object> filters) {
        return new DocumentSelection(null, true, filters);
    }

    /** Adds {@code documents} or {@code all}+{@code filters} to a request body. */
    Map<String, Object> into(Map<String, Object> body) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (all) {
            out.put("all", true);
            out.put("filters", filters);
        } else {
            out.put("documents", ids);
        }
        out.putAll(body);
        return out;
    }
}
