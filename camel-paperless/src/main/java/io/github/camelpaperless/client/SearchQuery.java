package io.github.camelpaperless.client;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Builds a Paperless full-text query (the {@code query} parameter): terms, phrases, {@code field:value}, ranges, and
 * AND/OR/NOT with grouping. Values are quoted and escaped as needed. {@link #toString()} is the query text, so a
 * {@code SearchQuery} can be used directly as the {@code CamelPaperlessQuery} header.
 *
 * <pre>
 * SearchQuery.and(SearchQuery.term("invoice"), SearchQuery.field("correspondent", "ACME Corp"),
 *         SearchQuery.not(SearchQuery.field("tag", "paid")))
 * // invoice AND correspondent:"ACME Corp" AND NOT tag:paid
 * </pre>
 */
public final class SearchQuery {

    private final String text;
    private final boolean compound;

    private SearchQuery(String text, boolean compound) {
        this.text = text;
        this.compound = compound;
    }

    /** A single word or, when it contains spaces or special characters, a quoted phrase. */
    public static SearchQuery term(String word) {
        return new SearchQuery(quoteIfNeeded(word), false);
    }

    /** An exact phrase. */
    public static SearchQuery phrase(String words) {
        return new SearchQuery(quote(words), false);
    }

    /**
     * {@code field:value}, e.g. {@code tag}, {@code correspondent}, {@code type}, {@code path}, {@code title},
     * {@code content}, {@code asn}, {@code notes.note}, {@code custom_fields.value}, {@code created}, {@code added}.
     */
    public static SearchQuery field(String field, String value) {
        return new SearchQuery(field + ":" + quoteIfNeeded(value), false);
    }

    /** {@code field:[from to to]}; {@code null} bounds are open ({@code *}). */
    public static SearchQuery range(String field, Object from, Object to) {
        return new SearchQuery(field + ":[" + (from == null ? "*" : from) + " to " + (to == null ? "*" : to) + "]", false);
    }

    public static SearchQuery and(SearchQuery... parts) {
        return join(" AND ", parts);
    }

    public static SearchQuery or(SearchQuery... parts) {
        return join(" OR ", parts);
    }

    public static SearchQuery not(SearchQuery part) {
        return new SearchQuery("NOT " + part.grouped(), false);
    }

    /** Free query text, passed as is. */
    public static SearchQuery raw(String query) {
        return new SearchQuery(query, true);
    }

    private static SearchQuery join(String op, SearchQuery... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("and/or need at least one part");
        }
        if (parts.length == 1) {
            return parts[0];
        }
        return new SearchQuery(Arrays.stream(parts).map(SearchQuery::grouped).collect(Collectors.joining(op)), true);
    }

    private String grouped() {
        return compound ? "(" + text + ")" : text;
    }

    private static String quoteIfNeeded(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("A search term must not be empty");
        }
        for (char c : s.toCharArray()) {
            if (Character.isWhitespace(c) || "+-&|!(){}[]^\"~*?:\\/".indexOf(c) >= 0) {
                return quote(s);
            }
        }
        if (s.equals("AND") || s.equals("OR") || s.equals("NOT")) {
            return quote(s);
        }
        return s;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return text;
    }
}
