package io.github.camelpaperless.component;

import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.LogCapture;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Token and password never reach logs, exception messages or listed endpoint URIs. */
class SecretsTest extends PaperlessTestSupport {

    static final String URI_TOKEN = "uri-token-SECRET-5150";
    static final String PASSWORD = "basic-pass-SECRET-2112";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:withToken").to("paperless:tags?operation=get&token=" + URI_TOKEN);
                from("direct:withBasic").to("paperless:tags?operation=get&token=&username=bob&password=" + PASSWORD);
                from("direct:roundTrip")
                        .to("paperless:documents?operation=upload&waitForCompletion=true&pollInterval=10&token=" + URI_TOKEN)
                        .to("paperless:documents?operation=download&token=" + URI_TOKEN)
                        .process(e -> e.getMessage().setBody(e.getMessage().getBody(java.io.InputStream.class).readAllBytes()));
            }
        };
    }

    @Test
    void aFullUploadWaitDownloadAtTraceLogsNoSecret() {
        String uuid = "c0ffee00-1111-4222-8333-444455556666";
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(okJson("\"" + uuid + "\"")));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(okJson(io.github.camelpaperless.support.TaskFixtures.page(
                io.github.camelpaperless.support.TaskFixtures.v10(1, uuid, "success", "{\"document_id\":42}", "[42]")))));
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/")).willReturn(okJson(Fixtures.json("documents"))));
        wm.stubFor(get(urlPathEqualTo("/api/documents/42/download/")).willReturn(aResponse()
                .withHeader("Content-Type", "application/pdf").withBody("%PDF-1.7 body")));
        String logs;
        try (LogCapture capture = new LogCapture()) {
            Exchange ex = template.request("direct:roundTrip", e -> e.getMessage().setBody("document content"));
            assertThat(ex.getException()).isNull();
            assertThat(new String((byte[]) ex.getMessage().getBody())).isEqualTo("%PDF-1.7 body");
            logs = capture.text() + context.getEndpoints();
        }
        assertThat(logs).contains("POST /api/documents/post_document/ -> 200").contains("Authorization: xxxxxx");
        assertThat(logs).doesNotContain(URI_TOKEN).doesNotContain(TOKEN);
    }

    @Test
    void secretsAreAbsentFromLogsAtTraceAndFromExceptions() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(Fixtures.json("tags"))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/2/")).willReturn(jsonResponse("{\"detail\":\"Invalid token.\"}", 401)));
        String logs;
        try (LogCapture capture = new LogCapture()) {
            template.requestBody("direct:withToken", 1);
            template.requestBody("direct:withBasic", 1);
            // failures are logged by Camel's default error handler with the full exception and route
            Exception e1 = template.request("direct:withToken", e -> e.getMessage().setBody(2)).getException();
            Exception e2 = template.request("direct:withBasic", e -> e.getMessage().setBody(2)).getException();
            assertThat(e1).hasMessageContaining("HTTP 401").hasMessageNotContaining(URI_TOKEN);
            assertThat(e2).hasMessageNotContaining(PASSWORD);
            logs = capture.text() + context.getEndpoints() + context.getRoutes();
        }
        assertThat(logs).contains("GET /api/tags/1/ -> 200");
        assertThat(logs).doesNotContain(URI_TOKEN).doesNotContain(PASSWORD).doesNotContain(TOKEN);
        // and the Basic header value (base64 of bob:password) is not logged either
        assertThat(logs).doesNotContain(java.util.Base64.getEncoder().encodeToString(("bob:" + PASSWORD).getBytes()));
    }
}
