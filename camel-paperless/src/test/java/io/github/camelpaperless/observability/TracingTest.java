package io.github.camelpaperless.observability;

import java.util.List;

import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.UploadStubs;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans of the component, recorded by the OpenTelemetry SDK's in-memory exporter: a CLIENT span per request, a
 * span around the wait for a task with the task polls as its children, all under the caller's span.
 */
class TracingTest extends PaperlessTestSupport {

    static final String UUID = "7c9a2f4e-1b3d-4c5e-9f80-a1b2c3d4e5f6";

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        ctx.getRegistry().bind("otel", otel);
        return ctx;
    }

    @AfterEach
    void closeSdk() {
        tracerProvider.close();
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + spans.stream().map(SpanData::getName).toList()));
    }

    @Test
    void eachRequestIsAClientSpanUnderTheCallersAndTheTaskWaitHoldsItsPolls() {
        UploadStubs.uploadTaskAndRetriedRead(wm, UUID);

        Span exchangeSpan = otel.getTracer("test").spanBuilder("exchange").startSpan();
        Exchange ex;
        try (Scope ignored = exchangeSpan.makeCurrent()) {
            ex = template.request("paperless:documents?operation=upload&waitForCompletion=true&pollInterval=10",
                    e -> e.getMessage().setBody("content"));
        } finally {
            exchangeSpan.end();
        }
        assertThat(ex.getException()).isNull();
        List<SpanData> spans = exporter.getFinishedSpanItems();
        String traceId = exchangeSpan.getSpanContext().getTraceId();
        assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));

        SpanData upload = named(spans, "POST /api/documents/post_document/");
        assertThat(upload.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(upload.getParentSpanId()).isEqualTo(exchangeSpan.getSpanContext().getSpanId());
        assertThat(upload.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200);
        assertThat(upload.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
        assertThat(upload.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("localhost");
        assertThat(upload.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(wm.getPort());
        assertThat(upload.getAttributes().get(AttributeKey.stringKey("paperless.operation"))).isEqualTo("upload");

        SpanData wait = named(spans, "paperless wait for task");
        assertThat(wait.getParentSpanId()).isEqualTo(exchangeSpan.getSpanContext().getSpanId());
        assertThat(wait.getAttributes().get(AttributeKey.stringKey("paperless.task.id"))).isEqualTo(UUID);
        assertThat(wait.getAttributes().get(AttributeKey.stringKey("paperless.task.result"))).isEqualTo("success");
        List<SpanData> polls = spans.stream().filter(s -> s.getName().equals("GET /api/tasks/")).toList();
        assertThat(polls).hasSize(2).allSatisfy(p -> {
            assertThat(p.getParentSpanId()).isEqualTo(wait.getSpanId());
            // query names only: the task id is not in the URL attribute
            assertThat(p.getAttributes().get(AttributeKey.stringKey("url.full")))
                    .contains("/api/tasks/?task_id=REDACTED").doesNotContain(UUID);
        });

        List<SpanData> reads = spans.stream().filter(s -> s.getName().equals("GET /api/documents/{id}/")).toList();
        assertThat(reads).hasSize(2);
        SpanData refused = reads.stream().filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).findFirst()
                .orElseThrow();
        assertThat(refused.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(503);
        assertThat(refused.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("503");
        SpanData resent = reads.stream().filter(s -> s != refused).findFirst().orElseThrow();
        assertThat(resent.getAttributes().get(AttributeKey.longKey("http.request.resend_count"))).isEqualTo(1);
        assertThat(resent.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        assertThat(spans).allSatisfy(s -> assertThat(s.getAttributes().toString()).doesNotContain(TOKEN));
    }

    @Test
    void anUnreachableServerEndsTheSpanWithTheErrorType() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Exchange ex = template.request("paperless:tags?operation=get&baseUrl=http://127.0.0.1:" + closedPort
                                       + "&retryAttempts=0", e -> e.getMessage().setHeader("CamelPaperlessId", 1));
        assertThat(ex.getException()).isNotNull();
        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).isNotEmpty();
        SpanData span = spans.get(0);
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type")))
                .isEqualTo("io.github.camelpaperless.client.PaperlessConnectionException");
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isNull();
    }
}
