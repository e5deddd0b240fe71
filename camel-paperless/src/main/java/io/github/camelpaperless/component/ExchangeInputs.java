package io.github.camelpaperless.component;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.Csv;
import io.github.camelpaperless.client.NameResolver;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.HasId;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads the inputs of an operation from the message (headers, body) and the endpoint options, failing early with a
 * message that names the fix.
 */
final class ExchangeInputs {

    private ExchangeInputs() {
    }

    /** The object id from header CamelPaperlessId, the id option, or an Integer/Long body; as a positive integer. */
    static int requireId(Exchange exchange, PaperlessConfiguration config, String op) {
        Object raw = rawId(exchange, config);
        if (raw == null) {
            throw new IllegalArgumentException("Operation " + op + " on paperless:" + config.getResource()
                                               + " needs an id: set the header " + PaperlessConstants.ID
                                               + ", the option id, or send an Integer body");
        }
        return toId(raw, PaperlessConstants.ID);
    }

    /** The id as given (for named objects such as log names), or {@code null}. */
    static Object rawId(Exchange exchange, PaperlessConfiguration config) {
        Message in = exchange.getMessage();
        Object h = IdHeader.read(in, PaperlessResource.of(config.getResource()), config);
        if (h != null && !(h instanceof String && ((String) h).isBlank())) {
            return h;
        }
        if (config.getId() != null && !config.getId().isBlank()) {
            return config.getId();
        }
        Object body = in.getBody();
        if (body instanceof Integer || body instanceof Long || body instanceof Short) {
            return body;
        }
        return null;
    }

    static int toId(Object raw, String what) {
        if (raw instanceof HasId && ((HasId) raw).id() != null) {
            // a Paperless object names itself: e.g. setHeader(CamelPaperlessId, body()) after a get
            raw = ((HasId) raw).id();
        }
        if (raw instanceof Number) {
            long v = ((Number) raw).longValue();
            if (v > 0 && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        } else {
            String s = String.valueOf(raw).trim();
            try {
                long v = Long.parseLong(s);
                if (v > 0 && v <= Integer.MAX_VALUE) {
                    return (int) v;
                }
            } catch (NumberFormatException ignore) {
                // reported below
            }
        }
        throw new IllegalArgumentException("Invalid id '" + raw + "' in " + what + ": an id is a positive integer");
    }

    /**
     * Several ids from the header {@code header} or the body: a Collection, an int[]/Integer[] or a comma separated
     * String.
     */
    static List<Integer> ids(Exchange exchange, String header, boolean useBody) {
        Object v = exchange.getMessage().getHeader(header);
        if (v == null && useBody) {
            v = exchange.getMessage().getBody();
        }
        return v == null ? null : toIds(v, header);
    }

    static List<Integer> toIds(Object v, String what) {
        List<Integer> out = new ArrayList<>();
        if (v instanceof Collection) {
            for (Object o : (Collection<?>) v) {
                out.add(toId(o, what));
            }
        } else if (v instanceof int[]) {
            for (int i : (int[]) v) {
                out.add(toId(i, what));
            }
        } else if (v instanceof Object[]) {
            for (Object o : (Object[]) v) {
                out.add(toId(o, what));
            }
        } else if (v instanceof Number) {
            out.add(toId(v, what));
        } else if (v instanceof String) {
            for (String s : Csv.split((String) v)) {
                out.add(toId(s, what));
            }
        } else if (v instanceof JsonNode && ((JsonNode) v).isArray()) {
            for (JsonNode n : (JsonNode) v) {
                out.add(toId(n.asText(), what));
            }
        } else {
            throw new IllegalArgumentException("Cannot read ids from a " + v.getClass().getName() + " in " + what
                                               + ": use a List of Integers, an int[] or a comma separated String");
        }
        return out;
    }

    /** The list/page query: filter.* options, then the CamelPaperlessFilters header, ordering, fields, full_perms. */
    static Query listQuery(Exchange exchange, PaperlessConfiguration config) {
        Query q = config.filterQuery();
        Object h = exchange.getMessage().getHeader(PaperlessConstants.FILTERS);
        if (h != null) {
            if (!(h instanceof Map)) {
                throw new IllegalArgumentException("Header " + PaperlessConstants.FILTERS
                                                   + " must be a Map of filter name to value, was "
                                                   + h.getClass().getName());
            }
            ((Map<?, ?>) h).forEach((k, val) -> q.set(String.valueOf(k), val));
        }
        if (config.getOrdering() != null && !q.has("ordering")) {
            q.set("ordering", config.getOrdering());
        }
        return objectQuery(config, q);
    }

    /** fields and full_perms, for reads of single objects too. */
    static Query objectQuery(PaperlessConfiguration config, Query q) {
        Query query = q == null ? Query.create() : q;
        if (config.getFields() != null && !query.has("fields")) {
            query.set("fields", config.getFields());
        }
        if (config.isFullPerms() && !query.has("full_perms")) {
            query.set("full_perms", "true");
        }
        return query;
    }

    /** A JSON-able body for create/update/replace: Map, model, JsonNode, JSON String or byte[]. */
    static Object requireJsonBody(Exchange exchange, String op, String resource) {
        Object body = exchange.getMessage().getBody();
        if (body == null) {
            throw new IllegalArgumentException("Operation " + op + " on paperless:" + resource
                                               + " needs a body: a Map, a model object or a JSON String");
        }
        if (body instanceof InputStream || body instanceof File || body instanceof Path
                || body instanceof Number || body instanceof Boolean) {
            throw new IllegalArgumentException("Operation " + op + " on paperless:" + resource + " cannot send a "
                                               + body.getClass().getName()
                                               + " body: use a Map, a model object or a JSON String");
        }
        return body;
    }

    /** A comma separated option of object references, each as {@link NameResolver#optionRef}. */
    static List<Object> optionRefs(String option) {
        List<Object> out = new ArrayList<>();
        for (String s : Csv.split(option)) {
            out.add(NameResolver.optionRef(s));
        }
        return out;
    }

    /**
     * An object reference (tag, correspondent, document type, storage path): the header's value as given (a String
     * there is a name), else the option's as {@link NameResolver#optionRef} (options are text: digits are an id).
     */
    static Object ref(Message m, String header, String option) {
        Object v = m.getHeader(header);
        return v != null ? v : NameResolver.optionRef(option);
    }

    /** The query from the CamelPaperlessQuery header or the query option. */
    static String query(Exchange exchange, PaperlessConfiguration config) {
        String q = exchange.getMessage().getHeader(PaperlessConstants.QUERY, String.class);
        return q != null ? q : config.getQuery();
    }
}
