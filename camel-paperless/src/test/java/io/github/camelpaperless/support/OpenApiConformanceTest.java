package io.github.camelpaperless.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The conformance check itself: it accepts a request the server's schema allows and rejects ones it does not. */
class OpenApiConformanceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @BeforeEach
    void schemaPresent() {
        assumeTrue(OpenApiConformance.available(), SharedFiles.ABSENT_MESSAGE);
        wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    private static LoggedRequest send(String method, String path, String body) throws Exception {
        wm.resetRequests();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(wm.baseUrl() + path))
                .header("Accept", "application/json; version=10").header("Authorization", "Token x")
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding());
        return wm.getAllServeEvents().get(0).getRequest();
    }

    @Test
    void acceptsWhatTheSchemaAllows() throws Exception {
        assertThat(OpenApiConformance.validate(send("GET", "/api/tags/?name__icontains=in&page_size=10", null))).isNull();
        assertThat(OpenApiConformance.validate(send("POST", "/api/tags/", "{\"name\":\"Inbox\"}"))).isNull();
    }

    @Test
    void rejectsUnknownParametersWrongTypesAndInvalidBodies() throws Exception {
        assertThat(OpenApiConformance.validate(send("GET", "/api/tags/?colour=red", null))).contains("query.unexpected");
        assertThat(OpenApiConformance.validate(send("GET", "/api/tags/?page_size=many", null))).contains("schema.type");
        assertThat(OpenApiConformance.validate(send("POST", "/api/tags/", "{\"colour\":\"red\"}"))).contains("name");
        assertThat(OpenApiConformance.validate(send("GET", "/api/documents/?tags__id__all=1,x", null)))
                .contains("comma separated integers");
        assertThat(OpenApiConformance.validate(send("GET", "/api/tags", null))).isNotNull();
    }
}
