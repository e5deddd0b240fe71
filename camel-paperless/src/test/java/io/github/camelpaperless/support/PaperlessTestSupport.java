package io.github.camelpaperless.support;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.component.PaperlessComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * Camel test base: a WireMock server standing in for Paperless-ngx over real HTTP, the paperless component configured
 * with its URL and a token, and the OpenAPI conformance check of every request after each test.
 */
public abstract class PaperlessTestSupport extends CamelTestSupport {

    /** The token the tests authenticate with; it must never appear in logs or messages. */
    public static final String TOKEN = "tok-9f8e7d6c5b4a-SECRET";

    @RegisterExtension
    protected static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()
                    // real servers send Content-Length for files
                    .useChunkedTransferEncoding(com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy.NEVER)
                    .extensions(new FakeStore()))
            .build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        PaperlessComponent pc = new PaperlessComponent();
        pc.getConfiguration().setBaseUrl(wm.baseUrl());
        pc.getConfiguration().setToken(TOKEN);
        pc.getConfiguration().setRetryDelay(5);
        pc.getConfiguration().setRetryMaxDelay(50);
        ctx.addComponent("paperless", pc);
        return ctx;
    }

    /** What a real server answers to the small version probe (GET /api/ui_settings/); tests may override it. */
    @org.junit.jupiter.api.BeforeEach
    protected void defaultStubs() {
        FakeStore.reset();
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/ui_settings/").atPriority(10)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(Fixtures.json("ui_settings"))
                        .withHeader("X-Api-Version", "10").withHeader("X-Version", "3.0.5")));
    }

    @AfterEach
    void checkOpenApiConformance() {
        OpenApiConformance.check(wm.getAllServeEvents());
    }

    /** Serves documents and tasks from {@link FakeStore} (for consumer tests). */
    protected static void useFakeStore() {
        wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/(documents/(\\d+/)?|tasks/)"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withTransformers(FakeStore.NAME)));
    }

    /** Sends a body with headers to an endpoint and returns the resulting exchange's body, rethrowing failures. */
    protected Object call(String uri, Object body, Object... headerPairs) {
        java.util.Map<String, Object> headers = new java.util.HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put((String) headerPairs[i], headerPairs[i + 1]);
        }
        return template.requestBodyAndHeaders(uri, body, headers);
    }
}
