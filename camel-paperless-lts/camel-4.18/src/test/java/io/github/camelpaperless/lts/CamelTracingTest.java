package io.github.camelpaperless.lts;

import java.util.List;

import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Camel's own tracing ({@code camel-opentelemetry2}, which resolves at 4.18.0 only), the component's CLIENT span
 * of a request is a child of the span Camel opened for sending the exchange to the paperless endpoint: one trace from
 * the route to the HTTP request.
 */
class CamelTracingTest extends PaperlessTestSupport {

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        // Camel's tracer finds its Tracer and propagators in the registry, the component its OpenTelemetry
        ctx.getRegistry().bind("tracer", otel.getTracer("camel"));
        ctx.getRegistry().bind("propagators", otel.getPropagators());
        ctx.getRegistry().bind("otel", otel);
        OpenTelemetryTracer tracing = new OpenTelemetryTracer();
        tracing.init(ctx);
        return ctx;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:tag").routeId("traced").to("paperless:tags?operation=get");
            }
        };
    }

    @AfterEach
    void closeSdk() {
        tracerProvider.close();
    }

    @Test
    void theRequestSpanIsAChildOfCamelsSpanForTheEndpoint() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/5/")).willReturn(okJson(Fixtures.json("tags"))));
        Tag tag = template.requestBodyAndHeader("direct:tag", null, PaperlessConstants.ID, 5, Tag.class);
        assertThat(tag).isNotNull();

        List<SpanData> spans = exporter.getFinishedSpanItems();
        SpanData request = spans.stream().filter(s -> s.getName().equals("GET /api/tags/{id}/")).findFirst()
                .orElseThrow(() -> new AssertionError("no request span in " + spans.stream().map(SpanData::getName).toList()));
        assertThat(request.getKind()).isEqualTo(SpanKind.CLIENT);
        SpanData parent = spans.stream().filter(s -> s.getSpanId().equals(request.getParentSpanId())).findFirst()
                .orElseThrow(() -> new AssertionError("the request span's parent is not among " + spans));
        assertThat(parent.getInstrumentationScopeInfo().getName()).isEqualTo("camel");
        assertThat(parent.getName()).contains("paperless");
        // one trace: the route's span is an ancestor of the request's
        assertThat(spans).filteredOn(s -> s.getInstrumentationScopeInfo().getName().equals("camel"))
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(request.getTraceId()));
    }
}
