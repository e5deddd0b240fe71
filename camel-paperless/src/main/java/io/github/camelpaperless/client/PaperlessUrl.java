package io.github.camelpaperless.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The normalised base URL of a Paperless-ngx server.
 * <p>
 * Accepts {@code host}, {@code host:port} and {@code http(s)://host[:port][/prefix]}; the scheme is case-insensitive
 * and defaults to https; a trailing {@code /api} and trailing slashes are tolerated. Every API path built from it ends
 * with a slash, because the server answers a missing slash with a 302 to its HTML login page.
 */
public final class PaperlessUrl {

    private final String scheme;
    private final String host;
    private final int port;
    private final String prefix;

    private PaperlessUrl(String scheme, String host, int port, String prefix) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.prefix = prefix;
    }

    /**
     * Parses and normalises a base URL.
     *
     * @throws IllegalArgumentException when the value cannot be a Paperless base URL; the message names the fix
     */
    public static PaperlessUrl parse(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "baseUrl is required: set it to the address of your Paperless-ngx server, e.g. https://paperless.example.com");
        }
        String value = baseUrl.trim();
        int sep = value.indexOf("://");
        String scheme;
        String rest;
        if (sep < 0) {
            scheme = "https";
            rest = value;
        } else {
            scheme = value.substring(0, sep).toLowerCase(Locale.ROOT);
            rest = value.substring(sep + 3);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(baseUrl, "the scheme must be http or https");
        }
        if (rest.contains("?") || rest.contains("#")) {
            throw invalid(baseUrl, "it must not contain a query or fragment");
        }
        URI uri;
        try {
            uri = new URI(scheme + "://" + rest);
        } catch (URISyntaxException e) {
            throw invalid(baseUrl, e.getReason());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(baseUrl, "no host name found");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(baseUrl, "do not put credentials in the URL; use the token or username/password options");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        path = stripSlashes(path);
        if (path.equals("api") || path.endsWith("/api")) {
            path = stripSlashes(path.substring(0, path.length() - 3));
        }
        String prefix = path.isEmpty() ? "" : "/" + path;
        return new PaperlessUrl(scheme, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), prefix);
    }

    private static IllegalArgumentException invalid(String value, String reason) {
        String shown = value.replaceAll("(?<=://)[^/@]*@", "***@");
        return new IllegalArgumentException("Invalid baseUrl '" + shown + "': " + reason
                                            + ". Use host, host:port or http(s)://host[:port][/prefix]");
    }

    private static String stripSlashes(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    public String scheme() {
        return scheme;
    }

    public String host() {
        return host;
    }

    /** The explicit port, or -1 for the scheme's default. */
    public int port() {
        return port;
    }

    /** The path prefix before {@code /api}, e.g. {@code /paperless}, or the empty string. */
    public String prefix() {
        return prefix;
    }

    /** {@code scheme://host[:port][/prefix]} without a trailing slash. */
    public String base() {
        return scheme + "://" + host + (port > 0 ? ":" + port : "") + prefix;
    }

    /** {@code scheme://host[:port][/prefix]/api/}. */
    public String apiRoot() {
        return base() + "/api/";
    }

    /**
     * The absolute URL of an API path such as {@code documents/1/download}; a trailing slash is added when missing
     * (the query string, if any, is kept after it).
     */
    public String api(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("api/")) {
            p = p.substring(4);
        }
        String query = "";
        int q = p.indexOf('?');
        if (q >= 0) {
            query = p.substring(q);
            p = p.substring(0, q);
        }
        if (!p.isEmpty() && !p.endsWith("/")) {
            p = p + "/";
        }
        return apiRoot() + p + query;
    }

    /**
     * Rewrites a {@code next}/{@code previous} link returned by the server so that it points at this base URL. Behind
     * reverse proxies the server often builds links with an internal scheme, host or prefix; only the part after
     * {@code /api/} is kept.
     *
     * @return the rewritten absolute URL, or {@code null} for a {@code null} link
     */
    public String rewrite(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        String pathAndQuery;
        try {
            URI uri = new URI(link);
            String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
            pathAndQuery = raw + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        } catch (URISyntaxException e) {
            pathAndQuery = link;
        }
        int idx = pathAndQuery.indexOf("/api/");
        String tail = idx >= 0 ? pathAndQuery.substring(idx + 5) : stripSlashes(pathAndQuery);
        return apiRoot() + tail;
    }

    /**
     * Whether an absolute URL points at this server: the same scheme, host and port (a relative URL does). Credentials
     * are only ever sent there: a redirect to another port, another host, or from https to http is not followed.
     */
    public boolean sameServer(URI uri) {
        if (uri == null) {
            return false;
        }
        if (uri.getHost() == null) {
            return uri.getScheme() == null;
        }
        String otherScheme = uri.getScheme() == null ? scheme : uri.getScheme().toLowerCase(Locale.ROOT);
        return otherScheme.equals(scheme) && uri.getHost().equalsIgnoreCase(host)
               && effectivePort(otherScheme, uri.getPort()) == effectivePort(scheme, port);
    }

    private static int effectivePort(String scheme, int port) {
        return port > 0 ? port : scheme.equals("https") ? 443 : 80;
    }

    @Override
    public String toString() {
        return base();
    }
}
