package io.github.camelpaperless.client;

import java.util.Map;

/**
 * The server answered with a redirect to its HTML login page ({@code /accounts/login/}). Paperless does this for any
 * path it does not know under its catch-all route: typically a wrong base URL or prefix, or a path without its
 * trailing slash.
 */
public class PaperlessLoginRedirectException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    private final String location;

    public PaperlessLoginRedirectException(String message, int statusCode, String method, String path, String location) {
        super(message, statusCode, method, path, Map.of(), null, null);
        this.location = location;
    }

    /** The {@code Location} header of the redirect. */
    public String getLocation() {
        return location;
    }
}
