package io.github.camelpaperless.observability;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.camel.CamelContext;

/** Finds the OpenTelemetry instance; loaded only when the OpenTelemetry API is on the class path. */
final class OpenTelemetryBinding {

    private OpenTelemetryBinding() {
    }

    /** The only {@code OpenTelemetry} of the Camel registry, else the global one (a no-op until an SDK sets it). */
    static io.github.camelpaperless.client.PaperlessObserver observer(CamelContext context) {
        OpenTelemetry otel = context.getRegistry().findSingleByType(OpenTelemetry.class);
        if (otel == null) {
            otel = GlobalOpenTelemetry.get();
        }
        return new PaperlessSpans(otel);
    }
}
