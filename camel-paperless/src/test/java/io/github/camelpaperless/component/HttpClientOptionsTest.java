package io.github.camelpaperless.component;

import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The HttpClientBuilder hook, an injected HttpClient or PaperlessClient, and an HTTP proxy. */
class HttpClientOptionsTest extends PaperlessTestSupport {

    @Test
    void theHttpClientConfigurerHookCustomisesTheBuilder() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(Fixtures.json("tags"))));
        HttpClientConfigurer hook = b -> b.addRequestInterceptorFirst((req, entity, ctx) -> req.addHeader("X-Trace-Id", "abc123"));
        context.getRegistry().bind("hook", hook);
        assertThat(call("paperless:tags?operation=get&httpClientConfigurer=#hook", 1)).isInstanceOf(Tag.class);
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/1/")).withHeader("X-Trace-Id", equalTo("abc123")));
    }

    @Test
    void anInjectedHttpClientIsUsedAndNotClosed() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(Fixtures.json("tags"))));
        try (CloseableHttpClient http = HttpClients.custom().setUserAgent("my-own-client").build()) {
            context.getRegistry().bind("http", http);
            assertThat(call("paperless:tags?operation=get&httpClient=#http", 1)).isInstanceOf(Tag.class);
            context.stop();
            // still usable after the endpoint stopped: the component does not close what it did not create
            try (PaperlessClient c = new PaperlessClient(PaperlessClientConfig.builder(wm.baseUrl()).token("t").httpClient(http).build())) {
                assertThat(c.tags().get(1).name()).isEqualTo("Inbox");
            }
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/1/")).withHeader("User-Agent", equalTo("my-own-client")));
    }

    @Test
    void anInjectedPaperlessClientIsUsed() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(Fixtures.json("tags"))));
        try (PaperlessClient c = new PaperlessClient(PaperlessClientConfig.builder(wm.baseUrl()).token("injected-token").build())) {
            context.getRegistry().bind("paperlessClient", c);
            assertThat(call("paperless:tags?operation=get&client=#paperlessClient&token=", 1)).isInstanceOf(Tag.class);
        }
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/1/")).withHeader("Authorization", equalTo("Token injected-token")));
    }

    @Test
    void theProxyChallengeIsAnsweredWithTheProxyCredentials() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).withHeader("Proxy-Authorization", absent())
                .willReturn(aResponse().withStatus(407).withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/"))
                .withHeader("Proxy-Authorization", equalTo("Basic cHJveHl1c2VyOnByb3h5LVNFQ1JFVA=="))
                .willReturn(okJson(Fixtures.json("tags"))));
        assertThat(call("paperless:tags?operation=get&baseUrl=http://paperless.invalid&proxyHost=127.0.0.1&proxyPort="
                        + wm.getPort() + "&proxyUsername=proxyuser&proxyPassword=proxy-SECRET", 1)).isInstanceOf(Tag.class);
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/1/")).withHeader("Proxy-Authorization", containing("Basic")));
        assertThat(context.getEndpoints().toString()).doesNotContain("proxy-SECRET");
    }

    @Test
    void requestsGoThroughTheConfiguredProxy() {
        // WireMock acts as the proxy: it receives the absolute-URI request for the (unresolvable) server name
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(Fixtures.json("tags"))));
        assertThat(call("paperless:tags?operation=get&baseUrl=http://paperless.invalid&proxyHost=127.0.0.1&proxyPort="
                        + wm.getPort(), 1)).isInstanceOf(Tag.class);
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/1/")).withHeader("Host", equalTo("paperless.invalid")));
    }
}
