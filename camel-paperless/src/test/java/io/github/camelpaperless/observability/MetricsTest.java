package io.github.camelpaperless.observability;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelpaperless.component.PaperlessComponent;
import io.github.camelpaperless.consumer.PaperlessDocumentConsumer;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.TaskFixtures;
import io.github.camelpaperless.support.UploadStubs;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.support.ScheduledPollConsumerHealthCheck;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The paperless.* meters, read from a Micrometer registry in the Camel registry after routes ran against WireMock. */
class MetricsTest extends PaperlessTestSupport {

    static final String UUID = "7c9a2f4e-1b3d-4c5e-9f80-a1b2c3d4e5f6";

    final MeterRegistry registry = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        ctx.getRegistry().bind("meters", registry);
        return ctx;
    }

    private void stubUploadAndTask() {
        UploadStubs.uploadTaskAndRetriedRead(wm, UUID);
    }

    @Test
    void requestsRetriesUploadsAndTaskWaitsAreMeteredWithBoundedTags() {
        stubUploadAndTask();
        Exchange ex = template.request("paperless:documents?operation=upload&waitForCompletion=true&pollInterval=10",
                e -> e.getMessage().setBody("twelve bytes"));
        assertThat(ex.getException()).isNull();

        assertThat(registry.find(PaperlessMeters.REQUESTS).tags("method", "POST", "resource", "documents", "uri",
                "/api/documents/post_document/", "operation", "upload", "status", "200", "outcome", "SUCCESS",
                "exception", "none").timer().count()).isEqualTo(1);
        // the task polls and the document read carry the operation that made them, ids replaced by {id}
        assertThat(registry.find(PaperlessMeters.REQUESTS).tags("uri", "/api/tasks/", "operation", "upload", "status",
                "200").timer().count()).isEqualTo(2);
        assertThat(registry.find(PaperlessMeters.REQUESTS).tags("uri", "/api/documents/{id}/", "status", "503",
                "outcome", "SERVER_ERROR").timer().count()).isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.REQUESTS).tags("uri", "/api/documents/{id}/", "status", "200")
                .timer().count()).isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.RETRIES).tags("method", "GET", "resource", "documents", "reason", "503")
                .counter().count()).isEqualTo(1);

        assertThat(registry.find(PaperlessMeters.UPLOADS).tag("result", "sent").counter().count()).isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.UPLOAD_BYTES).tag("result", "sent").summary().totalAmount())
                .isEqualTo(12);
        assertThat(registry.find(PaperlessMeters.TASK_WAIT).tag("result", "success").timer().count()).isEqualTo(1);
        // the server's times: created 5 s ago, done 0.5 s ago
        double consumption = registry.find(PaperlessMeters.TASK_CONSUMPTION).tag("result", "success").timer()
                .totalTime(TimeUnit.MILLISECONDS);
        assertThat(consumption).isBetween(4000.0, 5000.0);

        assertBoundedTags();
    }

    @Test
    void failedAndRejectedUploadsAndTimedOutWaitsAreCountedByResult() {
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("u")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(jsonResponse("{\"document\":[\"File type text/x-unknown not supported\"]}", 400))
                .willSetStateTo("accepted"));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("u").whenScenarioStateIs("accepted")
                .willReturn(okJson("\"" + UUID + "\"")));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(17, UUID, "pending", null, null)))));

        Exchange rejected = template.request("paperless:documents?operation=upload", e -> e.getMessage().setBody("a"));
        assertThat(rejected.getException()).isNotNull();
        Exchange timedOut = template.request(
                "paperless:documents?operation=upload&waitForCompletion=true&pollInterval=10&waitTimeout=60",
                e -> e.getMessage().setBody("b"));
        assertThat(timedOut.getException()).hasMessageContaining("still queued");

        assertThat(registry.find(PaperlessMeters.UPLOADS).tag("result", "rejected").counter().count()).isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.UPLOADS).tag("result", "sent").counter().count()).isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.TASK_WAIT).tag("result", "timeout").timer().count()).isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.TASK_CONSUMPTION).timer()).isNull();
        assertThat(registry.find(PaperlessMeters.REQUESTS).tags("uri", "/api/documents/post_document/", "status", "400",
                "outcome", "CLIENT_ERROR").timer().count()).isEqualTo(1);
        assertBoundedTags();
    }

    @Test
    void theConnectionPoolIsAGaugeWhileTheComponentRuns() throws Exception {
        PaperlessComponent pc = context.getComponent("paperless", PaperlessComponent.class);
        pc.getSharedClient().ping();
        assertThat(registry.find(PaperlessMeters.CONNECTIONS).tag("state", "max").gauge().value()).isEqualTo(50);
        assertThat(registry.find(PaperlessMeters.CONNECTIONS).tag("state", "leased").gauge().value()).isZero();
        context.stop();
        assertThat(registry.find(PaperlessMeters.CONNECTIONS).gauges()).isEmpty();
    }

    @Test
    void consumersCountPollsEmissionsAndFailuresAndGaugeTheirLag() throws Exception {
        useFakeStore();
        FakeStore.addDocument(1, "2026-11-20T10:00:00Z");
        FakeStore.addDocument(2, "2026-11-20T10:05:00Z");
        int[] failuresLeft = { 1 };
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false&startFrom=beginning").routeId("docs")
                        .process(e -> {
                            if (failuresLeft[0]-- > 0) {
                                throw new IllegalStateException("downstream system unavailable");
                            }
                        });
            }
        });
        PaperlessDocumentConsumer consumer = (PaperlessDocumentConsumer) context.getRoute("docs").getConsumer();
        assertThat(registry.find(PaperlessMeters.LAG).tag("route", "docs").gauge().value()).isNaN(); // before a poll

        consumer.run(); // document 1 fails: the batch ends there
        assertThat(registry.find(PaperlessMeters.POLLS).tags("route", "docs", "resource", "documents", "outcome",
                "success").counter().count()).isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.EMITTED).tags("route", "docs", "via", "poll").counter().count())
                .isEqualTo(1);
        assertThat(registry.find(PaperlessMeters.FAILED).tag("route", "docs").counter().count()).isEqualTo(1);
        // the oldest change not processed is document 1, added on 2026-11-20
        double behind = registry.find(PaperlessMeters.LAG).tag("route", "docs").gauge().value();
        assertThat(behind).isGreaterThan(Duration.ofDays(1).toSeconds());
        HealthCheck.Result health = consumer.getHealthCheck().call(new HashMap<>());
        assertThat(health.getDetails()).containsKey("paperless.lag.seconds")
                .containsEntry("paperless.last.exchange.error", "1: downstream system unavailable");

        consumer.run(); // both done: caught up
        assertThat(registry.find(PaperlessMeters.EMITTED).tags("route", "docs", "via", "poll").counter().count())
                .isEqualTo(3);
        assertThat(registry.find(PaperlessMeters.LAG).tag("route", "docs").gauge().value()).isBetween(0.0, 60.0);

        wm.stubFor(get(urlPathEqualTo("/api/documents/")).atPriority(1)
                .willReturn(jsonResponse("{\"detail\":\"Invalid token.\"}", 401)));
        consumer.run();
        assertThat(registry.find(PaperlessMeters.POLLS).tags("route", "docs", "outcome", "failure").counter().count())
                .isEqualTo(1);
        // Camel's poll check (DOWN with the poll's error) keeps its verdict; the lag is added to it
        HealthCheck.Result down = consumer.getHealthCheck().call(new HashMap<>());
        assertThat(down.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401).containsKey("paperless.lag.seconds");
        assertThat(consumer.getHealthCheck()).isNotInstanceOf(ScheduledPollConsumerHealthCheck.class);
        // liveness never depends on Paperless: the failing server makes the consumer not ready, never not alive
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(consumer.getHealthCheck().callLiveness().getState()).isEqualTo(HealthCheck.State.UP);
        // and through Camel's health registry (what /q/health/live and /actuator/health/liveness ask)
        org.apache.camel.health.HealthCheckRegistry checks = org.apache.camel.health.HealthCheckRegistry.get(context);
        org.apache.camel.impl.health.ConsumersHealthCheckRepository consumers
                = new org.apache.camel.impl.health.ConsumersHealthCheckRepository();
        consumers.setCamelContext(context);
        checks.register(consumers);
        // (the same registry holds the consumer's check: it is DOWN for readiness, below)
        assertThat(org.apache.camel.health.HealthCheckHelper.invokeLiveness(context))
                .allSatisfy(r -> assertThat(r.getState()).as(r.getCheck().getId()).isEqualTo(HealthCheck.State.UP));
        assertThat(org.apache.camel.health.HealthCheckHelper.invokeReadiness(context))
                .anySatisfy(r -> {
                    assertThat(r.getCheck().getId()).contains("docs");
                    assertThat(r.getState()).isEqualTo(HealthCheck.State.DOWN);
                });

        context.getRouteController().stopRoute("docs");
        assertThat(registry.find(PaperlessMeters.LAG).gauges()).isEmpty();
        assertThat(registry.find(PaperlessMeters.POLLS).counters()).isEmpty();
    }

    @Test
    void nothingIsRecordedWhenMetricsAreDisabled() throws Exception {
        context.getComponent("paperless", PaperlessComponent.class).setMetricsEnabled(false);
        stubUploadAndTask();
        template.request("paperless:documents?operation=upload", e -> e.getMessage().setBody("x"));
        assertThat(registry.getMeters()).isEmpty();
    }

    /** No tag value carries an id, a task id, a query or the token. */
    private void assertBoundedTags() {
        List<Meter> meters = registry.getMeters();
        assertThat(meters).isNotEmpty();
        for (Meter m : meters) {
            for (Tag t : m.getId().getTags()) {
                // document 42 and task UUID are the ids of this test's requests
                assertThat(t.getValue()).as(m.getId().toString()).doesNotContain(UUID).doesNotContain("/42")
                        .isNotEqualTo("42").doesNotContain("?").doesNotContain(TOKEN).doesNotContain("task_id");
            }
        }
    }
}
