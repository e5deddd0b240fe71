package io.github.camelpaperless.quarkus;

import java.util.List;

import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.component.PaperlessConstants;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The component under Quarkus (JVM mode): configured from application.properties, used by the app's routes. */
@QuarkusTest
@QuarkusTestResource(WireMockResource.class)
class PaperlessQuarkusTest {

    @Inject
    CamelContext context;
    @Inject
    ProducerTemplate template;

    @BeforeEach
    void stubs() {
        WireMockResource.server.stubFor(get("/api/ui_settings/").willReturn(okJson("{\"settings\":{}}")
                .withHeader("X-Api-Version", "10").withHeader("X-Version", "3.0.5")));
        WireMockResource.server.stubFor(get("/api/tags/3/").willReturn(okJson("{\"id\":3,\"name\":\"Tax\",\"slug\":\"tax\"}")));
        WireMockResource.server.stubFor(get(urlPathEqualTo("/api/documents/")).willReturn(okJson(
                "{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}")));
    }

    @Test
    void theComponentIsConfiguredFromApplicationProperties() {
        PaperlessComponent paperless = context.getComponent("paperless", PaperlessComponent.class);
        assertThat(paperless.getConfiguration().getBaseUrl()).isEqualTo(WireMockResource.server.baseUrl());
        assertThat(paperless.getConfiguration().getPageSize()).isEqualTo(7);
        assertThat(paperless.getConfiguration().getFilters()).containsEntry("is_in_inbox", "true");
    }

    @Test
    void theAppsRoutesTalkToPaperless() {
        Tag tag = template.requestBodyAndHeader("direct:tag", null, PaperlessConstants.ID, 3, Tag.class);
        assertThat(tag.name()).isEqualTo("Tax");
        Exchange page = template.request("direct:inbox", e -> { });
        assertThat(page.getException()).isNull();
        assertThat(page.getMessage().getBody(List.class)).isEmpty();
        WireMockResource.server.verify(getRequestedFor(urlPathEqualTo("/api/documents/"))
                .withQueryParam("is_in_inbox", equalTo("true")).withQueryParam("page_size", equalTo("7"))
                .withHeader("Authorization", equalTo("Token tok-quarkus-SECRET")));
    }
}
