package io.github.camelpaperless.consumer;

import java.util.HashMap;

import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.LogCapture;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.ScheduledPollConsumerHealthCheck;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The consumer's readiness: DOWN until a poll succeeded, DOWN with the HTTP status on auth errors, UP again after. */
class ConsumerHealthTest extends PaperlessTestSupport {

    @Test
    void readyOnlyAfterASuccessfulRoundTripAndAuthErrorsReportedClearly() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false&startFrom=beginning").routeId("docs").to("mock:out");
            }
        });
        PaperlessDocumentConsumer consumer = (PaperlessDocumentConsumer) context.getRoute("docs").getConsumer();
        ScheduledPollConsumerHealthCheck check = new ScheduledPollConsumerHealthCheck(consumer, "consumer:docs");
        assertThat(check.call(new HashMap<>()).getState()).isEqualTo(HealthCheck.State.DOWN);

        wm.stubFor(get(urlPathEqualTo("/api/documents/")).atPriority(1)
                .willReturn(jsonResponse("{\"detail\":\"Invalid token.\"}", 401).withHeader("WWW-Authenticate", "Token")));
        String logs;
        try (LogCapture capture = new LogCapture()) {
            consumer.run();
            logs = capture.text();
        }
        HealthCheck.Result down = check.call(new HashMap<>());
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401);
        assertThat(logs).contains("fix the credentials or base URL").contains("HTTP 401: Invalid token.").doesNotContain(TOKEN);


        wm.resetMappings();
        defaultStubs();
        useFakeStore();
        FakeStore.addDocument(1, "2026-11-20T10:00:00Z");
        consumer.run();
        assertThat(check.call(new HashMap<>()).getState()).isEqualTo(HealthCheck.State.UP);
        getMockEndpoint("mock:out").expectedMessageCount(1);
        getMockEndpoint("mock:out").assertIsSatisfied();
    }
}
