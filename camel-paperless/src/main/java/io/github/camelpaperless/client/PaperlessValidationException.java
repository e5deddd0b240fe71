package io.github.camelpaperless.client;

import java.util.List;
import java.util.Map;

/** 400 Bad Request: the server rejected the request's parameters or body (see getFieldErrors()). */
public class PaperlessValidationException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    public PaperlessValidationException(String message, int statusCode, String method, String path,
                                     Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
    }
}
