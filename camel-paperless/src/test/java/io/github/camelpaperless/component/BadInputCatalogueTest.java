package io.github.camelpaperless.component;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad input catalogue: each mistake fails before (or at) the first request, with a message that names the fix, and
 * none of them prints a secret.
 */
class BadInputCatalogueTest extends PaperlessTestSupport {

    static final String SECRET_PASSWORD = "pw-SECRET-7734";

    record Case(String uri, Consumer<Exchange> input, boolean stubs, boolean requestsAllowed) {
    }

    static Arguments c(String name, String uri, Consumer<Exchange> input, String expected) {
        return Arguments.of(name, new Case(uri, input, false, false), expected);
    }

    static Arguments withServer(String name, String uri, Consumer<Exchange> input, String expected) {
        return Arguments.of(name, new Case(uri, input, true, true), expected);
    }

    static Stream<Arguments> catalogue() {
        Consumer<Exchange> none = e -> {
        };
        return Stream.of(
                c("unknown resource", "paperless:invoices", none, "Unknown Paperless resource 'invoices': use one of correspondents"),
                c("unknown operation", "paperless:tags?operation=purge", none, "Unknown operation 'purge' for paperless:tags: use one of"),
                c("operation not supported", "paperless:processed_mail?operation=create", none,
                        "Operation 'create' is not supported by paperless:processed_mail: use one of get, list, page, bulkDelete"),
                c("missing id", "paperless:tags?operation=get", none, "needs an id: set the header CamelPaperlessId"),
                c("non-numeric id", "paperless:tags?operation=get", e -> e.getMessage().setHeader(PaperlessConstants.ID, "seven"),
                        "Invalid id 'seven'"),
                c("no credentials", "paperless:tags?token=", none, "No credentials for paperless:tags: set the token option"),
                c("password without username", "paperless:tags?token=&password=" + SECRET_PASSWORD, none,
                        "No credentials for paperless:tags"),
                c("invalid apiVersion", "paperless:tags?apiVersion=11", none, "Invalid apiVersion '11': use auto (default), 9 or 10"),
                c("invalid baseUrl", "paperless:tags?baseUrl=gopher://x", none, "Invalid baseUrl 'gopher://x': the scheme must be http or https"),
                c("credentials in baseUrl", "paperless:tags?baseUrl=https://bob:" + SECRET_PASSWORD + "@host", none,
                        "do not put credentials in the URL"),
                c("pageSize 0", "paperless:tags?pageSize=0", none, "Invalid pageSize 0: it must be between 1 and 100000"),
                c("pageSize too large", "paperless:tags?pageSize=100001", none, "Invalid pageSize 100001: it must be between 1 and 100000"),
                c("waitTimeout 0", "paperless:documents?operation=upload&waitTimeout=0", none, "waitTimeout must be > 0"),
                c("invalid duplicates", "paperless:documents?operation=upload&duplicates=maybe", none,
                        "Invalid duplicates 'maybe': use one of allow, skip, fail"),
                c("invalid startFrom", "paperless:documents?startFrom=yesterday", none, "Invalid startFrom 'yesterday': use now, beginning"),
                c("upload body of an unsupported type", "paperless:documents?operation=upload",
                        e -> e.getMessage().setBody(Map.of("a", 1)), "Cannot upload a body of type"),
                c("empty upload", "paperless:documents?operation=upload", e -> e.getMessage().setBody(new byte[0]),
                        "Cannot upload the document: the body is empty (0 bytes)"),
                c("global search under 3 characters", "paperless:search", e -> e.getMessage().setHeader(PaperlessConstants.QUERY, "ab"),
                        "The global search needs a query of at least 3 characters"),
                withServer("unknown tag name", "paperless:documents?operation=upload",
                        e -> {
                            e.getMessage().setBody("x");
                            e.getMessage().setHeader(PaperlessConstants.TAGS, "No Such Tag");
                        }, "Unknown tag 'No Such Tag': create it in Paperless, use its id, or set createMissing=true"),
                withServer("unknown correspondent name", "paperless:documents?operation=upload",
                        e -> {
                            e.getMessage().setBody("x");
                            e.getMessage().setHeader(PaperlessConstants.CORRESPONDENT, "Nobody Inc");
                        }, "Unknown correspondent 'Nobody Inc'"),
                withServer("unknown custom field name", "paperless:documents?operation=upload",
                        e -> {
                            e.getMessage().setBody("x");
                            e.getMessage().setHeader(PaperlessConstants.CUSTOM_FIELDS, Map.of("Colour", "red"));
                        }, "Unknown custom field 'Colour'"),
                withServer("malformed monetary value", "paperless:documents?operation=upload",
                        e -> {
                            e.getMessage().setBody("x");
                            e.getMessage().setHeader(PaperlessConstants.CUSTOM_FIELDS, Map.of("Amount", "EUR12"));
                        }, "Malformed value 'EUR12' for custom field 'Amount' (monetary): use a currency code and an amount with 2 decimals"),
                withServer("HTML where JSON is expected", "paperless:statistics", none,
                        "returned text/html where JSON was expected — is baseUrl pointing at Paperless-ngx"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void failsEarlyWithAMessageThatNamesTheFix(String name, Case c, String expected) {
        if (c.stubs()) {
            wm.stubFor(get(urlPathMatching("/api/(tags|correspondents)/")).willReturn(okJson(Fixtures.page(0, null, null))));
            wm.stubFor(get(urlPathEqualTo("/api/custom_fields/")).willReturn(okJson(Fixtures.page(1, null, null,
                    "{\"id\":6,\"name\":\"Amount\",\"data_type\":\"monetary\",\"extra_data\":{\"default_currency\":\"EUR\"},\"document_count\":0}"))));
            wm.stubFor(get(urlPathEqualTo("/api/statistics/")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/html").withBody("<html><body>502 Bad Gateway (nginx)</body></html>")));
        }
        Throwable failure;
        try {
            Exchange ex = template.request(c.uri(), c.input()::accept);
            failure = ex.getException();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as(name + " must fail").isNotNull();
        String trace = trace(failure);
        assertThat(trace).contains(expected);
        assertThat(trace).doesNotContain(TOKEN).doesNotContain(SECRET_PASSWORD);
        if (!c.requestsAllowed()) {
            wm.verify(0, anyRequestedFor(anyUrl()));
        }
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
    }

    private static String trace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
