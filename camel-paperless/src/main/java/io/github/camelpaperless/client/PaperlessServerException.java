package io.github.camelpaperless.client;

import java.util.List;
import java.util.Map;

/** 5xx: the server (or a proxy in front of it) failed. 502/503/504 are retried for idempotent requests. */
public class PaperlessServerException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    public PaperlessServerException(String message, int statusCode, String method, String path,
                                    Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
    }
}
