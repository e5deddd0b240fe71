package io.github.camelpaperless.client;

import java.util.List;
import java.util.Map;

/** 403 Forbidden: the user lacks a permission (the server's body is kept verbatim in getDetail()). */
public class PaperlessPermissionException extends PaperlessApiException {

    private static final long serialVersionUID = 1L;

    public PaperlessPermissionException(String message, int statusCode, String method, String path,
                                     Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
    }
}
