package io.github.camelpaperless.client;

import java.util.List;
import java.util.Map;

/**
 * 400 "AI is required for this feature": the server's AI features (AI suggestions, document chat) are switched off.
 * Turn them on in Paperless-ngx ({@code PAPERLESS_AI_ENABLED=true} with an LLM backend, {@code PAPERLESS_AI_LLM_BACKEND}
 * and its model/endpoint; or the AI settings of the application configuration, {@code paperless:config} field
 * {@code ai_enabled}).
 */
public class PaperlessAiDisabledException extends PaperlessValidationException {

    private static final long serialVersionUID = 1L;

    /** What the server answers when AI is off. */
    static final String SERVER_MESSAGE = "AI is required for this feature";

    public PaperlessAiDisabledException(String message, int statusCode, String method, String path,
                                        Map<String, List<String>> fieldErrors, String detail, String bodyExcerpt) {
        super(message, statusCode, method, path, fieldErrors, detail, bodyExcerpt);
    }
}
