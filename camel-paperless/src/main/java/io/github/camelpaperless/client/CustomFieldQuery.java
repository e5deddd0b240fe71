package io.github.camelpaperless.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Builds a {@code custom_field_query} expression: atoms {@code [field, op, value]} (field by id or name) combined with
 * AND/OR/NOT. {@link #toString()} is the JSON the server expects, so it can be used as the filter value
 * ({@code CamelPaperlessFilters} with key {@code custom_field_query}, or {@code filter.custom_field_query}).
 *
 * <pre>
 * CustomFieldQuery.and(CustomFieldQuery.atom("due", "range", List.of("2024-08-01", "2024-09-01")),
 *         CustomFieldQuery.not(CustomFieldQuery.atom("paid", "exact", true)))
 * </pre>
 */
public final class CustomFieldQuery {

    /** Every operator the server knows (date parts such as {@code year__exact} are accepted too). */
    public static final Set<String> OPERATORS = Set.of("exact", "in", "isnull", "exists", "icontains", "istartswith",
            "iendswith", "gt", "gte", "lt", "lte", "range", "contains");
    private static final Set<String> DATE_PARTS = Set.of("year", "iso_year", "month", "day", "week", "week_day",
            "iso_week_day", "quarter");

    private final Object expression;
    private final int atoms;
    private final int depth;

    private CustomFieldQuery(Object expression, int atoms, int depth) {
        if (atoms > 20) {
            throw new IllegalArgumentException("custom_field_query allows at most 20 conditions");
        }
        if (depth > 10) {
            throw new IllegalArgumentException("custom_field_query allows a nesting depth of at most 10");
        }
        this.expression = expression;
        this.atoms = atoms;
        this.depth = depth;
    }

    /**
     * One condition.
     *
     * @param field an Integer id or a String name
     * @param op    e.g. exact, in, isnull, exists, icontains, gt, range, contains, or {@code year__exact}
     */
    public static CustomFieldQuery atom(Object field, String op, Object value) {
        if (!(field instanceof Integer || field instanceof String)) {
            throw new IllegalArgumentException("A custom field is given by Integer id or String name, not " + field);
        }
        String o = op.toLowerCase(Locale.ROOT);
        String base = o.contains("__") ? o.substring(o.indexOf("__") + 2) : o;
        if (o.contains("__") && !DATE_PARTS.contains(o.substring(0, o.indexOf("__")))) {
            throw new IllegalArgumentException("Unknown date part in '" + op + "': use one of " + DATE_PARTS);
        }
        if (!OPERATORS.contains(base)) {
            throw new IllegalArgumentException("Unknown custom_field_query operator '" + op + "': use one of " + OPERATORS);
        }
        return new CustomFieldQuery(Arrays.asList(field, o, value), 1, 1);
    }

    public static CustomFieldQuery and(CustomFieldQuery... parts) {
        return logical("AND", parts);
    }

    public static CustomFieldQuery or(CustomFieldQuery... parts) {
        return logical("OR", parts);
    }

    public static CustomFieldQuery not(CustomFieldQuery part) {
        return new CustomFieldQuery(Arrays.asList("NOT", part.expression), part.atoms, part.depth + 1);
    }

    private static CustomFieldQuery logical(String op, CustomFieldQuery... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException(op + " needs at least one condition");
        }
        List<Object> list = new ArrayList<>();
        int atoms = 0;
        int depth = 0;
        for (CustomFieldQuery p : parts) {
            list.add(p.expression);
            atoms += p.atoms;
            depth = Math.max(depth, p.depth);
        }
        return new CustomFieldQuery(Arrays.asList(op, list), atoms, depth + 1);
    }

    @Override
    public String toString() {
        try {
            return PaperlessJson.mapper().writeValueAsString(expression);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
