package io.github.camelpaperless.client;

import java.util.List;
import java.util.Map;

/** 401 Unauthorized: no, invalid or expired credentials. */
public class PaperlessAuthenticationException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    public PaperlessAuthenticationException(String message, int statusCode, String method, String path,
                                     Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
    }
}
