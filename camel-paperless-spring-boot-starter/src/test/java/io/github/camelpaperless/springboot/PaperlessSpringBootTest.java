package io.github.camelpaperless.springboot;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.component.PaperlessEndpoint;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application with the starter: the component configured from application properties, a route using
 * it, the client bean without routes, and the component's health check in Spring Boot's health endpoint.
 */
@SpringBootTest(classes = PaperlessSpringBootTest.App.class, properties = {
        "camel.component.paperless.token=tok-spring-SECRET",
        "camel.component.paperless.page-size=25",
        "camel.component.paperless.connect-timeout=3s",
        "camel.component.paperless.retry-attempts=0",
        "camel.component.paperless.filters[is_in_inbox]=true",
        "camel.health.enabled=true",
        "camel.health.producers-enabled=true",
        "camel.health.exposure-level=full",
        "management.endpoint.health.show-details=always",
        "management.endpoint.health.show-components=always",
        "management.endpoints.web.exposure.include=health,metrics" })
class PaperlessSpringBootTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @DynamicPropertySource
    static void server(DynamicPropertyRegistry registry) {
        registry.add("camel.component.paperless.base-url", wm::baseUrl);
    }

    @SpringBootApplication
    static class App {
        @Bean
        RouteBuilder tagRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:tag").to("paperless:tags?operation=get");
                }
            };
        }
    }

    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate template;
    @Autowired
    PaperlessClient client;
    @Autowired
    HealthEndpoint health;
    @Autowired
    MetricsEndpoint metrics;

    @BeforeEach
    void server() {
        wm.stubFor(get("/api/ui_settings/").willReturn(okJson("{\"settings\":{}}")
                .withHeader("X-Api-Version", "10").withHeader("X-Version", "3.0.5")));
        wm.stubFor(get("/api/tags/5/").willReturn(okJson("{\"id\":5,\"name\":\"Inbox\",\"slug\":\"inbox\"}")));
    }

    @Test
    void thePropertiesConfigureTheComponent() {
        PaperlessComponent component = camelContext.getComponent("paperless", PaperlessComponent.class);
        assertThat(component.getConfiguration().getBaseUrl()).isEqualTo(wm.baseUrl());
        assertThat(component.getConfiguration().getPageSize()).isEqualTo(25);
        assertThat(component.getConfiguration().getConnectTimeout()).isEqualTo(3000);
        assertThat(component.getConfiguration().getRetryAttempts()).isZero();
        assertThat(component.getConfiguration().getFilters()).containsEntry("is_in_inbox", "true");
    }

    @Test
    void aRouteUsesTheConfiguredComponent() {
        Tag tag = template.requestBodyAndHeader("direct:tag", null, PaperlessConstants.ID, 5, Tag.class);
        assertThat(tag.name()).isEqualTo("Inbox");
        wm.verify(getRequestedFor(urlPathEqualTo("/api/tags/5/")).withHeader("Authorization", equalTo("Token tok-spring-SECRET")));
    }

    @Test
    void theClientBeanIsTheComponentsClientAndWorksWithoutRoutes() throws Exception {
        assertThat(client.tags().get(5).name()).isEqualTo("Inbox");
        PaperlessComponent component = camelContext.getComponent("paperless", PaperlessComponent.class);
        assertThat(component.getSharedClient()).isSameAs(client);
        PaperlessEndpoint same = camelContext.getEndpoint("paperless:tags", PaperlessEndpoint.class);
        assertThat(same.getClient()).isSameAs(client);
        // another server in the URI: not the bean's client
        PaperlessEndpoint other = camelContext.getEndpoint("paperless:tags?baseUrl=http://127.0.0.1:9", PaperlessEndpoint.class);
        assertThat(other.getClient()).isNotSameAs(client);
    }

    @Test
    void theProducerHealthCheckShowsInSpringBootsHealth() {
        IndicatedHealthDescriptor camel = (IndicatedHealthDescriptor) health.healthForPath("camelHealth");
        assertThat(camel).as("camel health in /actuator/health").isNotNull();
        Map<String, Object> details = camel.getDetails();
        assertThat(details.keySet()).anySatisfy(k -> assertThat(k).contains("paperless"));
        assertThat(camel.getStatus().getCode()).isEqualTo("UP");

        wm.stubFor(get("/api/ui_settings/").willReturn(jsonResponse("{\"detail\":\"Invalid token.\"}", 401)));
        IndicatedHealthDescriptor down = (IndicatedHealthDescriptor) health.healthForPath("camelHealth");
        assertThat(down.getStatus().getCode()).isEqualTo("DOWN");
        assertThat(down.getDetails().toString()).doesNotContain("tok-spring-SECRET");
    }

    /** The component finds Spring Boot's meter registry: its meters are under /actuator/metrics. */
    @Test
    void theComponentsMetersShowInSpringBootsMetricsEndpoint() {
        template.requestBodyAndHeader("direct:tag", null, PaperlessConstants.ID, 5, Tag.class);
        assertThat(metrics.listNames().getNames()).contains("paperless.client.requests", "paperless.client.connections");
        MetricsEndpoint.MetricDescriptor reads = metrics.metric("paperless.client.requests",
                List.of("uri:/api/tags/{id}/", "operation:get", "status:200"));
        assertThat(reads).as("paperless.client.requests for GET /api/tags/{id}/").isNotNull();
        assertThat(reads.getMeasurements()).anySatisfy(m -> {
            assertThat(m.getStatistic().name()).isEqualTo("COUNT");
            assertThat(m.getValue()).isGreaterThanOrEqualTo(1.0);
        });
        assertThat(reads.getAvailableTags()).anySatisfy(t -> assertThat(t.getTag()).isEqualTo("resource"));
    }
}
