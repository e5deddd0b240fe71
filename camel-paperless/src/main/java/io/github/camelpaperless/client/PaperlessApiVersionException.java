package io.github.camelpaperless.client;

import java.util.List;
import java.util.Map;

/** 406 Not Acceptable: the server does not accept the requested API version. */
public class PaperlessApiVersionException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    public PaperlessApiVersionException(String message, int statusCode, String method, String path,
                                     Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
    }
}
