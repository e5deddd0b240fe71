package io.github.camelpaperless.component;

import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.LogCapture;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule for CamelPaperlessId across steps: a result id that a later step on another resource would take as its own
 * input is named in the log (never silently), and the safe patterns do not trigger it.
 */
class HeaderLeakTest extends PaperlessTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the mistake: the tag's id is still in CamelPaperlessId when the note is added
                from("direct:leak").to("paperless:tags?operation=create").setBody(constant("Paid"))
                        .to("paperless:documents?operation=addNote");
                // safe: the document's id is set for the step that needs it
                from("direct:set").to("paperless:tags?operation=create").setBody(constant("Paid"))
                        .setHeader("CamelPaperlessId", constant(42)).to("paperless:documents?operation=addNote");
                // safe: the headers of the previous step are removed
                from("direct:removed").to("paperless:tags?operation=create").removeHeaders("CamelPaperless*")
                        .setBody(constant("Paid")).to("paperless:documents?operation=addNote&id=42");
            }
        };
    }

    @Test
    void aResultIdReadByAStepOnAnotherResourceIsNamedInTheLogAndTheSafePatternsAreQuiet() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/tags/")).willReturn(jsonResponse(Fixtures.json("tags"), 201)));
        wm.stubFor(post(urlPathMatching("/api/documents/\\d+/notes/")).willReturn(okJson("[]")));

        String log;
        try (LogCapture capture = new LogCapture()) {
            Exchange leak = template.request("direct:leak", e -> e.getMessage().setBody(java.util.Map.of("name", "Paid")));
            assertThat(leak.getException()).isNull();
            assertThat(leak.getMessage().getHeader(PaperlessConstants.ID_RESOURCE)).isEqualTo("documents:1");
            log = capture.text();
        }
        assertThat(log).contains("paperless:documents reads CamelPaperlessId 1, which an earlier step set as the id of a "
                                 + "paperless:tags object");

        for (String route : new String[] { "direct:set", "direct:removed" }) {
            try (LogCapture capture = new LogCapture()) {
                Exchange ok = template.request(route, e -> e.getMessage().setBody(java.util.Map.of("name", "Paid")));
                assertThat(ok.getException()).as(route).isNull();
                assertThat(capture.text()).as(route).doesNotContain("which an earlier step set");
            }
        }
        wm.verify(2, postRequestedFor(urlPathEqualTo("/api/documents/42/notes/")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/1/notes/")));
    }
}
