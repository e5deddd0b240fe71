package io.github.camelpaperless.client;

/**
 * The server answered with a success status but a body the client cannot read, e.g. an HTML page (a proxy error or
 * login page) where JSON was expected.
 */
public class PaperlessUnexpectedResponseException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String bodyExcerpt;

    public PaperlessUnexpectedResponseException(String message, int statusCode, String bodyExcerpt, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.bodyExcerpt = bodyExcerpt;
    }

    public int getStatusCode() {
        return statusCode;
    }

    public String getBodyExcerpt() {
        return bodyExcerpt;
    }
}
