package io.github.camelpaperless.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;

/**
 * The one place where HTTP failures become exceptions of the {@link PaperlessException} tree.
 */
public final class ErrorMapper {

    /** Error bodies are kept up to this many characters. */
    public static final int MAX_EXCERPT = 4096;

    private ErrorMapper() {
    }

    /** Paperless' answer when applying a bulk edit threw (documents/views.py BulkEditView, 2.x and 3.x). */
    static final String BULK_EDIT_FAILED = "Error performing bulk edit";

    /** Maps an error response (status &ge; 400, or a redirect) to its exception. */
    public static PaperlessApiException fromResponse(
            ObjectMapper mapper, String method, String path, int status, String contentType, byte[] body,
            String retryAfter) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String excerpt = excerpt(text);
        Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
        String detail = null;
        boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
        if (json || looksLikeJson(text)) {
            try {
                JsonNode node = mapper.readTree(text);
                if (node != null && node.isObject() && node.has("detail") && node.get("detail").isTextual()) {
                    detail = node.get("detail").asText();
                }
                flatten("", node, fieldErrors);
                fieldErrors.remove("detail");
            } catch (IOException e) {
                // not JSON after all: keep the text
                detail = plain(text);
            }
        } else if (!text.isBlank()) {
            detail = plain(text);
        }
        String summary = summary(status, detail, fieldErrors);
        String message = method + " " + path + " failed with HTTP " + status + ": " + summary + hint(status);
        if (status == 400 && detail != null && detail.startsWith(BULK_EDIT_FAILED)) {
            // BulkEditView answers every exception while applying an edit with this 400 (2.x and 3.x), e.g. SQLite's
            // "database is locked" while the worker writes: the server failed, the request was valid
            return new PaperlessServerException(method + " " + path + " failed with HTTP 400: " + summary
                                                + " — the server failed while applying the edit (its log says why, e.g. "
                                                + "'database is locked' on SQLite while the worker writes)",
                    status, method, path, fieldErrors, detail, excerpt);
        }
        if (status == 400 && detail != null && detail.contains(PaperlessAiDisabledException.SERVER_MESSAGE)) {
            return new PaperlessAiDisabledException(method + " " + path + " failed with HTTP 400: " + summary
                                                    + " — the server's AI features are off: set PAPERLESS_AI_ENABLED=true and an "
                                                    + "LLM backend (PAPERLESS_AI_LLM_BACKEND, its model and endpoint) on the server, "
                                                    + "or enable AI in its application configuration (ai_enabled)",
                    status, method, path, fieldErrors, detail, excerpt);
        }
        switch (status) {
            case 400:
                return new PaperlessValidationException(message, status, method, path, fieldErrors, detail, excerpt);
            case 401:
                return new PaperlessAuthenticationException(message, status, method, path, fieldErrors, detail, excerpt);
            case 403:
                return new PaperlessPermissionException(message, status, method, path, fieldErrors, detail, excerpt);
            case 404:
                return new PaperlessNotFoundException(message, status, method, path, fieldErrors, detail, excerpt);
            case 406:
                return new PaperlessApiVersionException(message, status, method, path, fieldErrors, detail, excerpt);
            case 429:
                return new PaperlessRateLimitException(
                        message, status, method, path, fieldErrors, detail, excerpt, parseRetryAfter(retryAfter));
            default:
                if (status >= 500) {
                    return new PaperlessServerException(message, status, method, path, fieldErrors, detail, excerpt);
                }
                return new PaperlessApiException(message, status, method, path, fieldErrors, detail, excerpt);
        }
    }

    /** A redirect the client does not follow: to the login page, or elsewhere. */
    public static PaperlessApiException fromRedirect(String method, String path, int status, String location) {
        if (location != null && location.contains("/accounts/login")) {
            return new PaperlessLoginRedirectException(
                    method + " " + path + " failed: the server redirected to its login page (" + status + " to "
                                                       + stripQuery(location)
                                                       + ") — check the base URL (scheme, host, port and path prefix) and the credentials",
                    status, method, path, location);
        }
        return new PaperlessApiException(
                method + " " + path + " failed: unexpected redirect (HTTP " + status + ") to " + stripQuery(location)
                                         + ", not followed (the token is only sent to the scheme, host and port of baseUrl)"
                                         + " — set baseUrl to the address the server redirects to",
                status, method, path, Map.of(), null, null);
    }

    /** Maps an I/O failure (no HTTP response) to a connection or timeout exception. */
    public static PaperlessConnectionException fromIo(String method, String path, String server, IOException e) {
        boolean connect = isConnectFailure(e);
        String what = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        if (e instanceof SocketTimeoutException || e instanceof ConnectTimeoutException
                || e instanceof InterruptedIOException && !(e instanceof ClosedByInterruptException)) {
            return new PaperlessTimeoutException(
                    method + " " + path + " timed out" + (connect ? " while connecting to " + server : "")
                                                 + " (" + what + ") — check that the server is reachable or raise the "
                                                 + (connect ? "connectTimeout" : "responseTimeout"),
                    e, connect);
        }
        if (e instanceof SSLHandshakeException || e instanceof SSLException) {
            return new PaperlessConnectionException(
                    method + " " + path + " failed: TLS handshake with " + server + " failed (" + what
                                                    + ") — for a self-signed certificate configure sslContextParameters with a truststore",
                    e, true);
        }
        return new PaperlessConnectionException(
                method + " " + path + " failed: " + (connect ? "cannot connect to " + server : "connection error")
                                                + " (" + what + ")",
                e, connect);
    }

    /** Whether the failure happened before any byte of the request reached the server. */
    public static boolean isConnectFailure(IOException e) {
        return e instanceof ConnectException || e instanceof HttpHostConnectException
                || e instanceof ConnectTimeoutException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException || e instanceof SSLHandshakeException;
    }

    /**
     * Action endpoints answer {@code {"result": "OK"}}; anything else is an error.
     *
     * @return the result, for callers that pass it on
     */
    public static com.fasterxml.jackson.databind.JsonNode requireOk(com.fasterxml.jackson.databind.JsonNode result, String what) {
        if (result == null || !"OK".equalsIgnoreCase(result.path("result").asText())) {
            throw new PaperlessException(what + " did not succeed: the server answered " + result);
        }
        return result;
    }

    /** Caps a body for messages and logs. */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_EXCERPT ? text : text.substring(0, MAX_EXCERPT) + "…";
    }

    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignore) {
                return null;
            }
        }
    }

    private static String stripQuery(String location) {
        if (location == null) {
            return "(no location)";
        }
        int q = location.indexOf('?');
        return q >= 0 ? location.substring(0, q) : location;
    }

    private static boolean looksLikeJson(String text) {
        String t = text.stripLeading();
        return t.startsWith("{") || t.startsWith("[");
    }

    private static String plain(String text) {
        String t = text.strip();
        if (t.startsWith("<")) {
            // an HTML page (proxy error, login page): keep only its text
            t = t.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", " ")
                    .replaceAll("\\s+", " ").strip();
            // Django's error pages repeat their title as heading: "Server Error (500) Server Error (500)"
            int half = t.length() / 2;
            if (t.length() % 2 == 1 && t.charAt(half) == ' ' && t.substring(0, half).equals(t.substring(half + 1))) {
                t = t.substring(0, half);
            }
        }
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, List<String>> out) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            boolean allText = true;
            for (JsonNode n : node) {
                allText &= n.isValueNode();
            }
            if (allText) {
                List<String> values = new ArrayList<>();
                node.forEach(n -> values.add(n.asText()));
                if (!values.isEmpty()) {
                    out.computeIfAbsent(prefix.isEmpty() ? "errors" : prefix, k -> new ArrayList<>()).addAll(values);
                }
            } else {
                int i = 0;
                for (JsonNode n : node) {
                    flatten(prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, n, out);
                    i++;
                }
            }
        } else {
            out.computeIfAbsent(prefix.isEmpty() ? "errors" : prefix, k -> new ArrayList<>()).add(node.asText());
        }
    }

    private static String summary(int status, String detail, Map<String, List<String>> fieldErrors) {
        StringBuilder sb = new StringBuilder();
        if (detail != null && !detail.isBlank()) {
            sb.append(detail);
        }
        for (Map.Entry<String, List<String>> e : fieldErrors.entrySet()) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(e.getKey()).append(": ").append(String.join(" ", e.getValue()));
        }
        if (sb.length() == 0) {
            sb.append("(empty body)");
        }
        return sb.toString();
    }

    private static String hint(int status) {
        switch (status) {
            case 401:
                return " — check the token (or username/password)";
            case 403:
                return " — the user lacks a permission for this request";
            case 406:
                return " — the server does not accept the requested API version; use apiVersion=auto";
            case 500:
                return " — the server failed on this request; its log (paperless.log) says why";
            default:
                return "";
        }
    }
}
