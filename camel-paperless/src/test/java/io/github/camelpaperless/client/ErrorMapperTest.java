package io.github.camelpaperless.client;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorMapperTest {

    private static PaperlessApiException map(int status, String ct, String body) {
        return ErrorMapper.fromResponse(PaperlessJson.mapper(), "POST", "/api/x/", status, ct,
                body.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void flattensNestedDrfErrorsInsteadOfReadingOnlyTheFirst() {
        PaperlessApiException e = map(400, "application/json",
                "{\"custom_fields\":[{},{},{},{\"non_field_errors\":[\"Value must be a valid date\"]}],\"title\":[\"too long\",\"bad\"]}");
        assertThat(e).isInstanceOf(PaperlessValidationException.class);
        assertThat(e.getFieldErrors())
                .containsEntry("custom_fields.3.non_field_errors", java.util.List.of("Value must be a valid date"))
                .containsEntry("title", java.util.List.of("too long", "bad"));
        assertThat(e.getMessage()).contains("custom_fields.3.non_field_errors: Value must be a valid date");
    }

    @Test
    void keepsPlainTextBodiesVerbatim() {
        PaperlessApiException e = map(403, "text/html; charset=utf-8", "Insufficient permissions");
        assertThat(e).isInstanceOf(PaperlessPermissionException.class);
        assertThat(e.getDetail()).isEqualTo("Insufficient permissions");
        assertThat(e.getBodyExcerpt()).isEqualTo("Insufficient permissions");
        assertThat(e.getHttpResponseCode()).isEqualTo(403);
    }

    @Test
    void capsHugeBodies() {
        PaperlessApiException e = map(502, "text/html", "<html><body>" + "x".repeat(100_000) + "</body></html>");
        assertThat(e).isInstanceOf(PaperlessServerException.class);
        assertThat(e.getBodyExcerpt().length()).isLessThanOrEqualTo(ErrorMapper.MAX_EXCERPT + 1);
        assertThat(e.getMessage().length()).isLessThan(1000);
    }

    @Test
    void mapsEveryKind() {
        assertThat(map(401, "application/json", "{\"detail\":\"Invalid token.\"}"))
                .isInstanceOf(PaperlessAuthenticationException.class).hasMessageContaining("Invalid token.");
        assertThat(map(404, "application/json", "{\"detail\":\"No Tag matches the given query.\"}"))
                .isInstanceOf(PaperlessNotFoundException.class);
        assertThat(map(406, "application/json", "{\"detail\":\"Invalid version in \\\"Accept\\\" header.\"}"))
                .isInstanceOf(PaperlessApiVersionException.class).hasMessageContaining("apiVersion");
        assertThat(map(500, "text/plain", "boom")).isInstanceOf(PaperlessServerException.class);
        assertThat(map(409, "application/json", "{}")).isExactlyInstanceOf(PaperlessApiException.class);
        PaperlessRateLimitException rl = (PaperlessRateLimitException) ErrorMapper.fromResponse(PaperlessJson.mapper(),
                "POST", "/api/token/", 429, "application/json",
                "{\"detail\":\"Request was throttled. Expected available in 7 seconds.\"}".getBytes(), "7");
        assertThat(rl.getRetryAfter()).hasSeconds(7);
    }

    @Test
    void loginRedirectIsAClearError() {
        PaperlessApiException e = ErrorMapper.fromRedirect("GET", "/api/documents", 302, "/accounts/login/?next=/api/documents");
        assertThat(e).isInstanceOf(PaperlessLoginRedirectException.class)
                .hasMessageContaining("redirected to its login page")
                .hasMessageContaining("check the base URL");
    }
}
