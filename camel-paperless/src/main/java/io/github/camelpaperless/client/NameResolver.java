package io.github.camelpaperless.client;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Resolves correspondents, document types, storage paths and tags given by id <em>or name</em> to their ids: numbers
 * are ids, strings are names (also all-digit names such as {@code "2024"}). Names are looked up once
 * ({@code name__iexact}) and cached per client; an unknown name is an error, or is created when asked.
 */
public final class NameResolver {

    private final PaperlessClient client;
    private final Map<String, Integer> cache = new ConcurrentHashMap<>();

    NameResolver(PaperlessClient client) {
        this.client = client;
    }

    /**
     * @param resource      {@code correspondents}, {@code document_types}, {@code storage_paths} or {@code tags}
     * @param value         an Integer/Long id, or a name: a String is always a name, also when it is all digits ("2024")
     * @param createMissing create an object with that name when none exists
     * @return the id, or {@code null} for a {@code null} value
     */
    public Integer resolve(String resource, Object value, boolean createMissing) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number) {
            return ((Number) value).intValue();
        }
        String s = String.valueOf(value).trim();
        if (s.isEmpty()) {
            return null;
        }
        String key = resource + "\u0000" + s.toLowerCase(Locale.ROOT);
        Integer cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Integer id = lookup(resource, s);
        if (id == null) {
            if (!createMissing) {
                throw new IllegalArgumentException("Unknown " + singular(resource) + " '" + s + "': create it in Paperless, "
                                                   + "use its id, or set createMissing=true to create it");
            }
            JsonNode created = client.send("POST", resource, null, Map.of("name", s), client.type(JsonNode.class));
            id = created.path("id").asInt();
        }
        cache.put(key, id);
        return id;
    }

    /**
     * A reference given as text where no type can be told (an endpoint option, a comma separated list): digits only are
     * an id ({@link Integer}), anything else a name; blank is {@code null}.
     */
    public static Object optionRef(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.trim();
        return s.length() < 10 && s.chars().allMatch(Character::isDigit) ? Integer.valueOf(s) : s;
    }

    private Integer lookup(String resource, String name) {
        Page<JsonNode> page = client.page(resource, Query.create().set("name__iexact", name), 1, client.type(JsonNode.class));
        for (JsonNode n : page.items()) {
            if (n.path("name").asText().equalsIgnoreCase(name)) {
                return n.path("id").asInt();
            }
        }
        return null;
    }

    /** Forgets every cached name (e.g. after renaming objects in Paperless). */
    public void clear() {
        cache.clear();
    }

    static String singular(String resource) {
        switch (resource) {
            case "correspondents":
                return "correspondent";
            case "document_types":
                return "document type";
            case "storage_paths":
                return "storage path";
            case "tags":
                return "tag";
            case "custom_fields":
                return "custom field";
            default:
                return resource;
        }
    }
}
