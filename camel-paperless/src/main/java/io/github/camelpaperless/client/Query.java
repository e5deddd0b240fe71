package io.github.camelpaperless.client;

import java.lang.reflect.Array;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Query parameters of a request, in insertion order. Collection values are sent comma-joined for the keys the server
 * reads as CSV ({@code __in}, {@code __all}, {@code __none}, {@code fields}), and as repeated parameters otherwise
 * (e.g. the tasks filters {@code status=success&status=failure}).
 */
public final class Query {

    private final Map<String, List<String>> params = new LinkedHashMap<>();

    public static Query create() {
        return new Query();
    }

    /** A query from a map of filters, e.g. {@code name__icontains -> acme}. */
    public static Query of(Map<String, ?> map) {
        Query q = new Query();
        if (map != null) {
            map.forEach(q::set);
        }
        return q;
    }

    /** Parses an encoded query string ({@code a=1&b=x%20y&a=2}); repeated keys keep every value, in order. */
    public static Query parse(String rawQuery) {
        Query q = new Query();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.params.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return q;
    }

    /** Sets (replaces) a parameter; {@code null} removes it. */
    public Query set(String key, Object value) {
        params.remove(key);
        return add(key, value);
    }

    /** Adds a parameter value (collections and arrays: see class doc); {@code null} is ignored. */
    public Query add(String key, Object value) {
        if (key == null || key.isBlank() || value == null) {
            return this;
        }
        List<String> values = toStrings(value);
        if (values.isEmpty()) {
            return this;
        }
        if (isCsvKey(key)) {
            params.computeIfAbsent(key, k -> new ArrayList<>());
            List<String> existing = params.get(key);
            if (existing.isEmpty()) {
                existing.add(String.join(",", values));
            } else {
                existing.set(0, existing.get(0) + "," + String.join(",", values));
            }
        } else {
            params.computeIfAbsent(key, k -> new ArrayList<>()).addAll(values);
        }
        return this;
    }

    /** Adds every entry of another query (later values win for the same key). */
    public Query putAll(Query other) {
        if (other != null) {
            other.params.forEach((k, v) -> params.put(k, new ArrayList<>(v)));
        }
        return this;
    }

    public boolean has(String key) {
        return params.containsKey(key);
    }

    public String first(String key) {
        List<String> v = params.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(params);
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    public Query copy() {
        return new Query().putAll(this);
    }

    /** The encoded query string without the leading {@code ?}, or the empty string. */
    public String encode() {
        StringJoiner sj = new StringJoiner("&");
        params.forEach((k, vs) -> vs.forEach(v -> sj.add(enc(k) + "=" + enc(v))));
        return sj.toString();
    }

    static boolean isCsvKey(String key) {
        return key.endsWith("__in") || key.endsWith("__all") || key.endsWith("__none") || key.equals("fields");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> toStrings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof Collection) {
            for (Object o : (Collection<?>) value) {
                if (o != null) {
                    out.add(scalar(o));
                }
            }
        } else if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            for (int i = 0; i < n; i++) {
                Object o = Array.get(value, i);
                if (o != null) {
                    out.add(scalar(o));
                }
            }
        } else {
            out.add(scalar(value));
        }
        return out;
    }

    private static String scalar(Object o) {
        if (o instanceof TemporalAccessor) {
            return o.toString();
        }
        if (o instanceof Enum) {
            return o.toString();
        }
        return String.valueOf(o);
    }

    @Override
    public String toString() {
        return encode();
    }
}
