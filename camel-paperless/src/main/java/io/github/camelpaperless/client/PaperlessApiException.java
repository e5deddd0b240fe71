package io.github.camelpaperless.client;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The server answered with an error status. Carries the HTTP status, method, path (never credentials), the parsed
 * Django REST framework field errors and a capped excerpt of the body (plain-text bodies such as the server's
 * {@code 403 Insufficient permissions} are kept verbatim).
 * <p>
 * Free of Camel (the client package is usable without it); the component reports the status to Camel's health checks.
 * Subclasses mark the kind: {@link PaperlessValidationException} (400), {@link PaperlessAuthenticationException} (401),
 * {@link PaperlessPermissionException} (403), {@link PaperlessNotFoundException} (404),
 * {@link PaperlessApiVersionException} (406), {@link PaperlessRateLimitException} (429),
 * {@link PaperlessServerException} (5xx), {@link PaperlessLoginRedirectException} (302 to the login page).
 */
public class PaperlessApiException extends PaperlessException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String method;
    private final String path;
    private final transient Map<String, List<String>> fieldErrors;
    private final String detail;
    private final String bodyExcerpt;

    public PaperlessApiException(String message, int statusCode, String method, String path,
                                 Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message);
        this.statusCode = statusCode;
        this.method = method;
        this.path = path;
        this.fieldErrors = fieldErrors == null ? Map.of() : Collections.unmodifiableMap(fieldErrors);
        this.detail = detail;
        this.bodyExcerpt = bodyExcerpt;
    }

    /** The HTTP status code. */
    public int getStatusCode() {
        return statusCode;
    }

    /** The HTTP method of the failed request. */
    public String getMethod() {
        return method;
    }

    /** The request path (with query), relative to the server, e.g. {@code /api/tags/5/}. */
    public String getPath() {
        return path;
    }

    /**
     * Field errors from a DRF error body, e.g. {@code name -> [This field is required.]}; nested errors are flattened
     * with dotted keys ({@code custom_fields.3.non_field_errors}). Empty when the body had none.
     */
    public Map<String, List<String>> getFieldErrors() {
        return fieldErrors;
    }

    /** The DRF {@code detail} message, or the plain-text body, or {@code null}. */
    public String getDetail() {
        return detail;
    }

    /** The start of the response body (at most a few KiB). */
    public String getBodyExcerpt() {
        return bodyExcerpt;
    }

    /** The HTTP status code (the name Camel's HTTP components use). */
    public int getHttpResponseCode() {
        return statusCode;
    }
}
