package io.github.camelpaperless.it;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.ApiVersion;
import io.github.camelpaperless.client.PaperlessApiVersionException;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessClientConfig;
import io.github.camelpaperless.client.RetryPolicy;
import io.github.camelpaperless.component.PaperlessEndpoint;
import io.github.camelpaperless.component.PaperlessProducerHealthCheck;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import io.github.camelpaperless.it.support.Routes;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;

import static io.github.camelpaperless.component.PaperlessConstants.API_VERSION;
import static io.github.camelpaperless.component.PaperlessConstants.SERVER_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

/** API version negotiation: 3.0.5 serves 10 (and 9 on request), 2.20.15 refuses 10 with a 406 and serves 9. */
class ApiVersionsIT {

    private static PaperlessClient client(RealServer s, ApiVersion v) {
        return new PaperlessClient(PaperlessClientConfig.builder(s.url()).token(s.token()).apiVersion(v)
                .retryPolicy(RetryPolicy.NONE).build());
    }

    @RealServerTest
    void autoAsksForTenAndFallsBackToNineOn406(RealServer s) throws Exception {
        int expected = s.isV3() ? 10 : 9;
        try (PaperlessClient c = client(s, ApiVersion.AUTO)) {
            assertThat(c.apiVersion()).isZero();
            c.get("tags", null, c.type(JsonNode.class));
            assertThat(c.apiVersion()).isEqualTo(expected);
            assertThat(c.serverVersion()).isEqualTo(s.serverVersion());
        }
        try (PaperlessClient c = client(s, ApiVersion.V10)) {
            if (s.isV3()) {
                c.get("tags", null, c.type(JsonNode.class));
                assertThat(c.apiVersion()).isEqualTo(10);
            } else {
                // the 406 the fallback above reacted to
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.get("tags", null, c.type(JsonNode.class)))
                        .isInstanceOf(PaperlessApiVersionException.class).hasMessageContaining("apiVersion=auto");
            }
        }
        // through the component: the version in use is on every result
        Exchange auto = new Routes(s).call("paperless:tags?operation=page", null);
        assertThat(auto.getMessage().getHeader(API_VERSION, Integer.class)).isEqualTo(expected);
        assertThat(auto.getMessage().getHeader(SERVER_VERSION, String.class)).isEqualTo(s.serverVersion());
        Exchange nine = new Routes(s).call("paperless:tags?operation=page&apiVersion=9", null);
        assertThat(nine.getMessage().getHeader(API_VERSION, Integer.class)).isEqualTo(9);
    }

    /** The producer health check against the real server: UP, and DOWN with 401 for a token the server rejects. */
    @RealServerTest
    void producerHealthCheckSeesTheServerAndARejectedToken(RealServer s) throws Exception {
        CamelContext good = s.camel();
        HealthCheck.Result up = new PaperlessProducerHealthCheck(good.getEndpoint("paperless:tags", PaperlessEndpoint.class),
                "producer:paperless-tags").call(Map.of());
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.getDetails()).containsEntry("server.version", s.serverVersion());

        String wrong = "0".repeat(40);
        CamelContext bad = s.camel(pc -> pc.getConfiguration().setToken(wrong));
        HealthCheck.Result down = new PaperlessProducerHealthCheck(bad.getEndpoint("paperless:tags", PaperlessEndpoint.class),
                "producer:paperless-tags").call(Map.of());
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);
        assertThat(down.getMessage()).get().asString().contains("Invalid token").doesNotContain(wrong);
    }

    /**
     * Issue 20: ten first requests at once through a fresh endpoint — on 2.20.15 each gets 406 for version 10 and each
     * falls back to 9 (before, nine of ten failed with PaperlessApiVersionException); reads, so nothing is stored.
     */
    @RealServerTest
    void tenConcurrentFirstRequestsThroughAFreshEndpointAllSucceed(RealServer s) throws Exception {
        CamelContext ctx = s.camel();
        org.apache.camel.ProducerTemplate t = ctx.createProducerTemplate();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Exchange>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    // a setting no other endpoint has: a client of its own, whose version is not negotiated yet
                    return t.request("paperless:tags?operation=page&pageSize=1&connectTimeout=10001", e -> {
                    });
                }));
            }
            go.countDown();
            for (java.util.concurrent.Future<Exchange> f : calls) {
                Exchange e = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(e.getException()).isNull();
                assertThat(e.getMessage().getHeader(API_VERSION, Integer.class)).isEqualTo(s.isV3() ? 10 : 9);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
