package io.github.camelpaperless.observability;

import java.util.Locale;

import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.PaperlessObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The component's spans: a CLIENT span per HTTP request (OpenTelemetry's HTTP client conventions; the URL keeps query
 * names only), and an INTERNAL span around each wait for a consumption task, the requests of the wait as its children.
 * Each is a child of the span current on the calling thread: the exchange's span when Camel's tracing
 * ({@code camel-opentelemetry2}) is active.
 */
final class PaperlessSpans implements PaperlessObserver {

    static final String SCOPE = "io.github.camelpaperless";

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");
    private static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
    private static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("paperless.operation");
    private static final AttributeKey<String> RESOURCE = AttributeKey.stringKey("paperless.resource");
    private static final AttributeKey<String> TASK_ID = AttributeKey.stringKey("paperless.task.id");
    private static final AttributeKey<String> TASK_RESULT = AttributeKey.stringKey("paperless.task.result");
    private static final AttributeKey<Double> CONSUMPTION = AttributeKey.doubleKey("paperless.task.consumption_seconds");

    private final Tracer tracer;

    PaperlessSpans(OpenTelemetry otel) {
        this.tracer = otel.getTracer(SCOPE);
    }

    @Override
    public RequestObservation requestStarted(Request request) {
        var builder = tracer.spanBuilder(request.method() + " " + request.uri())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(Context.current())
                .setAttribute(METHOD, request.method())
                .setAttribute(SERVER_ADDRESS, request.host())
                .setAttribute(SERVER_PORT, (long) request.port())
                .setAttribute(URL_FULL, request.url())
                .setAttribute(URL_TEMPLATE, request.uri())
                .setAttribute(RESOURCE, request.resource())
                .setAttribute(OPERATION, request.operation());
        if (request.resendCount() > 0) {
            builder.setAttribute(RESEND_COUNT, (long) request.resendCount());
        }
        Span span = builder.startSpan();
        return (status, failure) -> {
            if (status > 0) {
                span.setAttribute(STATUS_CODE, (long) status);
            }
            if (status >= 400) {
                span.setAttribute(ERROR_TYPE, String.valueOf(status));
                span.setStatus(StatusCode.ERROR);
            } else if (status <= 0 && failure != null) {
                span.setAttribute(ERROR_TYPE, failure.getClass().getName());
                span.setStatus(StatusCode.ERROR, failure.getMessage());
            }
            if (failure != null && !(failure instanceof PaperlessApiException && status > 0)) {
                span.recordException(failure);
            }
            span.end();
        };
    }

    @Override
    public TaskWait taskWaitStarted(String taskId) {
        Span span = tracer.spanBuilder("paperless wait for task").setSpanKind(SpanKind.INTERNAL)
                .setParent(Context.current()).setAttribute(TASK_ID, taskId).startSpan();
        Scope scope = span.makeCurrent();
        return (result, consumption) -> {
            try {
                span.setAttribute(TASK_RESULT, result.name().toLowerCase(Locale.ROOT));
                if (consumption != null) {
                    span.setAttribute(CONSUMPTION, consumption.toNanos() / 1e9);
                }
                if (result != TaskResult.SUCCESS) {
                    span.setStatus(StatusCode.ERROR, "task " + result.name().toLowerCase(Locale.ROOT));
                }
            } finally {
                scope.close();
                span.end();
            }
        };
    }

    @Override
    public String toString() {
        return "OpenTelemetry spans";
    }
}
