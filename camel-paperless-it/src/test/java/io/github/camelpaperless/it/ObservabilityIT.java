package io.github.camelpaperless.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.consumer.PaperlessDocumentConsumer;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServersAtOnce;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import static io.github.camelpaperless.component.PaperlessConstants.FILE_NAME;
import static org.assertj.core.api.Assertions.assertThat;

/** Meters and spans after an upload, its wait and a consumer poll against the real servers. */
class ObservabilityIT {

    @RealServersAtOnce
    void anUploadItsConsumptionAndAConsumerPollAreMeteredAndTraced(RealServer s) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        CamelContext ctx = s.camel();
        // looked up when the first client is made and when a consumer starts
        ctx.getRegistry().bind("meters", meters);
        ctx.getRegistry().bind("otel", OpenTelemetrySdk.builder().setTracerProvider(tracing).build());
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false&startFrom=now").routeId("observed").to("mock:seen");
            }
        });
        PaperlessDocumentConsumer consumer = (PaperlessDocumentConsumer) ctx.getRoute("observed").getConsumer();
        consumer.run(); // the position: now

        byte[] content = (s.unique("observed") + " metered upload\n").getBytes(StandardCharsets.UTF_8);
        Exchange ex = s.template(ctx).request("paperless:documents?operation=upload&waitForCompletion=true", e -> {
            e.getMessage().setBody(content);
            e.getMessage().setHeader(FILE_NAME, "observed.txt");
        });
        assertThat(ex.getException()).isNull();
        s.purgeLater(ex.getMessage().getBody(Document.class).id());
        consumer.run();

        assertThat(meters.find("paperless.uploads").tag("result", "sent").counter().count()).isEqualTo(1);
        assertThat(meters.find("paperless.uploads.bytes").summary().totalAmount()).isEqualTo(content.length);
        assertThat(meters.find("paperless.client.requests").tags("uri", "/api/documents/post_document/", "operation",
                "upload", "status", "200").timer().count()).isEqualTo(1);
        assertThat(meters.find("paperless.tasks.wait").tag("result", "success").timer().count()).isEqualTo(1);
        // Paperless' own record of the consumption: more than nothing, less than the test's run
        double consumedMs = meters.find("paperless.tasks.consumption").tag("result", "success").timer()
                .totalTime(TimeUnit.MILLISECONDS);
        assertThat(consumedMs).isGreaterThan(0).isLessThan(120_000);
        assertThat(meters.find("paperless.consumer.emitted").tags("route", "observed", "via", "poll").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.find("paperless.consumer.polls").tags("route", "observed", "outcome", "success").counter()
                .count()).isEqualTo(2);
        // caught up: at most the time since the last poll started
        assertThat(meters.find("paperless.consumer.lag").tag("route", "observed").gauge().value()).isBetween(0.0, 60.0);
        assertThat(meters.find("paperless.client.connections").tag("state", "max").gauge().value()).isPositive();
        meters.getMeters().forEach(m -> m.getId().getTags().forEach(t -> assertThat(t.getValue())
                .doesNotContain(s.token()).doesNotContain("?")));

        List<SpanData> finished = spans.getFinishedSpanItems();
        SpanData wait = finished.stream().filter(x -> x.getName().equals("paperless wait for task")).findFirst()
                .orElseThrow();
        assertThat(wait.getAttributes().get(AttributeKey.stringKey("paperless.task.result"))).isEqualTo("success");
        assertThat(finished).filteredOn(x -> x.getParentSpanId().equals(wait.getSpanId()))
                .isNotEmpty()
                .allSatisfy(poll -> assertThat(poll.getAttributes().get(AttributeKey.stringKey("url.full")))
                        .contains("/api/tasks/?").contains("=REDACTED"));
        assertThat(finished).filteredOn(x -> x.getName().equals("POST /api/documents/post_document/")).singleElement()
                .satisfies(up -> assertThat(up.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                        .isEqualTo(200));
        tracing.close();
    }
}
