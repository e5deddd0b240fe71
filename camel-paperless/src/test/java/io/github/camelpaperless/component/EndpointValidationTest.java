package io.github.camelpaperless.component;

import java.util.stream.Stream;

import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad endpoint configuration fails when the endpoint is created, with a message that names the fix. */
class EndpointValidationTest extends PaperlessTestSupport {

    static Stream<Arguments> badUris() {
        return Stream.of(
                Arguments.of("paperless:dokuments", "Unknown Paperless resource 'dokuments': use one of correspondents, document_types"),
                Arguments.of("paperless:tags?operation=frobnicate", "Unknown operation 'frobnicate' for paperless:tags: use one of get, list"),
                Arguments.of("paperless:share_links?operation=update", "Operation 'update' is not supported by paperless:share_links: use one of get, list, page, create, delete"),
                Arguments.of("paperless:statistics?operation=delete", "not supported by paperless:statistics: use one of get"),
                Arguments.of("paperless:tags?apiVersion=8", "Invalid apiVersion '8': use auto (default), 9 or 10"),
                Arguments.of("paperless:tags?baseUrl=ftp://nas", "Invalid baseUrl 'ftp://nas': the scheme must be http or https"),
                Arguments.of("paperless:tags?pageSize=0", "Invalid pageSize 0: it must be between 1 and 100000"),
                Arguments.of("paperless:tags?pageSize=100001", "Invalid pageSize 100001"),
                Arguments.of("paperless:tags?token=&username=", "No credentials for paperless:tags: set the token option (or username and password)"),
                Arguments.of("paperless:token?token=x", "paperless:token needs the username and password options"),
                Arguments.of("paperless:logs?limit=0", "limit must be a positive number"),
                Arguments.of("paperless:tags?fields=id", "fields option (sparse fieldsets) is supported by paperless:documents only"),
                Arguments.of("paperless:users?fullPerms=true", "fullPerms option is supported by paperless:correspondents"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUris")
    void failsAtEndpointCreation(String uri, String message) {
        assertThatThrownBy(() -> context.getEndpoint(uri))
                .hasStackTraceContaining(message)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(TOKEN));
    }

    @Test
    void tokenIsMaskedInEndpointUris() {
        Endpoint ep = context.getEndpoint("paperless:tags?token=abc-SECRET-999&operation=list");
        // what Camel logs and lists: Endpoint.toString() and sanitized URIs
        assertThat(ep.toString()).doesNotContain("abc-SECRET-999").contains("token=xxxxxx");
        assertThat(org.apache.camel.util.URISupport.sanitizeUri(ep.getEndpointUri())).doesNotContain("abc-SECRET-999");
        assertThat(context.getEndpoints().toString()).doesNotContain("abc-SECRET-999").doesNotContain(TOKEN);
        Endpoint basic = context.getEndpoint("paperless:tags?username=bob&password=pw-SECRET-1");
        assertThat(basic.toString()).doesNotContain("pw-SECRET-1");
    }

    @Test
    void headerOperationWinsOverTheOption() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(io.github.camelpaperless.support.Fixtures.json("tags"))));
        Object body = call("paperless:tags?operation=list", 1, PaperlessConstants.OPERATION, "get");
        assertThat(body).isInstanceOf(io.github.camelpaperless.client.model.Tag.class);
    }

    @Test
    void unknownHeaderOperationFailsBeforeAnyRequest() {
        Exchange ex = template.request("paperless:tags", e -> e.getMessage().setHeader(PaperlessConstants.OPERATION, "upload"));
        assertThat(ex.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Operation 'upload' is not supported by paperless:tags")
                .hasMessageContaining("use one of get, list, page");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void missingOrNonNumericIdFailsBeforeAnyRequest() {
        Exchange ex = template.request("paperless:tags?operation=get", e -> e.getMessage().setBody("not an id"));
        assertThat(ex.getException()).hasMessageContaining("needs an id: set the header CamelPaperlessId");
        Exchange ex2 = template.request("paperless:tags?operation=get",
                e -> e.getMessage().setHeader(PaperlessConstants.ID, "abc"));
        assertThat(ex2.getException()).hasMessageContaining("Invalid id 'abc'");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void consumersOnlyForDocumentsAndTasks() {
        assertThatThrownBy(() -> context.getEndpoint("paperless:tags").createConsumer(e -> {
        })).hasMessageContaining("polling consumers exist for paperless:documents and paperless:tags".replace("tags", "tasks"));
    }

    private static String stackTrace(Throwable t) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(sw));
        return sw.toString();
    }
}
