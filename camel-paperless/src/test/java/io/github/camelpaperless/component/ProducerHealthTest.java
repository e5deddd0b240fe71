package io.github.camelpaperless.component;

import java.util.List;
import java.util.stream.Collectors;

import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Defect 11: the producer health check asks the server once per call and reports a rejected token or an outage. */
class ProducerHealthTest extends PaperlessTestSupport {

    private List<HealthCheck.Result> producerChecks() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().startsWith("producer:paperless-tags")).collect(Collectors.toList());
    }

    @Test
    void reportsUpThenTheRejectedTokenThenTheOutageWithoutSendingAnything() throws Exception {
        DefaultHealthCheckRegistry registry = new DefaultHealthCheckRegistry();
        registry.setCamelContext(context);
        context.getCamelContextExtension().addContextPlugin(org.apache.camel.health.HealthCheckRegistry.class, registry);
        registry.start();
        HealthCheckRepository producers = HealthCheckHelper.getHealthCheckRepository(context, "producers");
        producers.setEnabled(true);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tags").to("paperless:tags");
            }
        });

        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson("{\"settings\":{}}")
                .withHeader("X-Version", "3.0.5").withHeader("X-Api-Version", "10")));
        List<HealthCheck.Result> up = producerChecks();
        assertThat(up).hasSize(1);
        assertThat(up.get(0).getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(up.get(0).getDetails()).containsEntry("server.version", "3.0.5");
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/ui_settings/")));

        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(jsonResponse("{\"detail\":\"Invalid token.\"}", 401)));
        HealthCheck.Result rejected = producerChecks().get(0);
        assertThat(rejected.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(rejected.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);
        assertThat(rejected.getMessage()).get().asString().contains("rejected the credentials").doesNotContain(TOKEN);

        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(aResponse().withFault(
                com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        HealthCheck.Result unreachable = producerChecks().get(0);
        assertThat(unreachable.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(unreachable.getMessage()).get().asString().contains("unreachable");

        // the check is not per exchange: no other request reached the server
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/tags/")));
        context.getRouteController().stopRoute(context.getRoutes().get(0).getId());
        context.removeRoute(context.getRoutes().get(0).getId());
    }
}
