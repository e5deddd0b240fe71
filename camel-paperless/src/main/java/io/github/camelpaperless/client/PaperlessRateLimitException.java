package io.github.camelpaperless.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** 429 Too Many Requests, with the server's {@code Retry-After} when it sent one. */
public class PaperlessRateLimitException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public PaperlessRateLimitException(String message, int statusCode, String method, String path,
                                       Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt,
                                       Duration retryAfter) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
        this.retryAfter = retryAfter;
    }

    /** The delay the server asked for, or {@code null}. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
