package io.github.camelpaperless.client.model;

/**
 * A Paperless object with a numeric id. In routes, such a body converts to its id ({@code Integer}), so
 * {@code .setHeader("CamelPaperlessId", body())} after a {@code get} or {@code create} names that object.
 */
public interface HasId {

    /** The object's id, or {@code null} for one not saved yet. */
    Integer id();
}
