package io.github.camelpaperless.client;

import com.fasterxml.jackson.databind.JavaType;

/**
 * Typed CRUD access to one API resource ({@code /api/<path>/}): the one implementation of get, list, page, create,
 * update, replace and delete, for Java users and for the component's producer alike.
 *
 * @param <T> the model type
 */
public final class ResourceClient<T> {

    private final PaperlessClient client;
    private final String path;
    private final JavaType type;

    ResourceClient(PaperlessClient client, String path, Class<T> type) {
        this.client = client;
        this.path = path;
        this.type = client.type(type);
    }

    public String path() {
        return path;
    }

    /** {@code GET /api/<path>/<id>/}. */
    public T get(Object id) {
        return client.get(path + "/" + id, null, type);
    }

    /** {@code GET /api/<path>/<id>/} with query parameters (e.g. {@code full_perms}). */
    public T get(Object id, Query query) {
        return client.get(path + "/" + id, query, type);
    }

    /** Every item, lazily across pages. */
    public PagedIterable<T> list(Query query) {
        return list(query, 0);
    }

    /** Items lazily across pages, at most {@code maxResults} (0: all). */
    public PagedIterable<T> list(Query query, long maxResults) {
        return client.list(path, query, type, maxResults);
    }

    public PagedIterable<T> list() {
        return list(null);
    }

    /** One page (1-based). */
    public Page<T> page(Query query, int page) {
        return client.page(path, query, page, type);
    }

    /** {@code POST /api/<path>/}: body is a model, Map or JSON string; returns the created object. */
    public T create(Object body) {
        return client.send("POST", path, null, body, type);
    }

    /** {@code PATCH /api/<path>/<id>/}: only the given fields change. */
    public T update(Object id, Object body) {
        return client.send("PATCH", path + "/" + id, null, body, type);
    }

    /** {@code PUT /api/<path>/<id>/}: full replacement. */
    public T replace(Object id, Object body) {
        return client.send("PUT", path + "/" + id, null, body, type);
    }

    /** {@code DELETE /api/<path>/<id>/}. */
    public void delete(Object id) {
        client.send("DELETE", path + "/" + id, null, (Object) null, null);
    }
}
