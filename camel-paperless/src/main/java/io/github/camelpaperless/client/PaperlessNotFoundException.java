package io.github.camelpaperless.client;

import java.util.List;
import java.util.Map;

/** 404 Not Found: the object does not exist or the user may not see it. */
public class PaperlessNotFoundException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    public PaperlessNotFoundException(String message, int statusCode, String method, String path,
                                     Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
    }
}
