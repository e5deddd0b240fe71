package io.github.camelpaperless.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.PaperlessObserver;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the component finds its metrics and traces: a Micrometer {@code MeterRegistry} in the Camel registry (Spring
 * Boot's actuator, Quarkus, a bean of Camel Main) and the OpenTelemetry API ({@code OpenTelemetry} in the Camel
 * registry, else the global one). Both libraries are optional: without them nothing is recorded and nothing of theirs
 * is loaded.
 */
public final class Observability {

    private static final Logger LOG = LoggerFactory.getLogger(Observability.class);
    private static final boolean MICROMETER = present("io.micrometer.core.instrument.MeterRegistry");
    private static final boolean OPENTELEMETRY = present("io.opentelemetry.api.OpenTelemetry");

    private Observability() {
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Observability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The observer for a client made for this context: meters when a meter registry is there ({@code metrics}),
     * spans when OpenTelemetry is ({@code tracing}); {@link PaperlessObserver#NONE} otherwise.
     */
    public static PaperlessObserver observer(CamelContext context, boolean metrics, boolean tracing) {
        List<PaperlessObserver> observers = new ArrayList<>(2);
        if (metrics && MICROMETER) {
            PaperlessObserver m = MicrometerBinding.observer(context);
            if (m != null) {
                observers.add(m);
            }
        }
        if (tracing && OPENTELEMETRY) {
            PaperlessObserver t = OpenTelemetryBinding.observer(context);
            if (t != null) {
                observers.add(t);
            }
        }
        if (observers.isEmpty()) {
            return PaperlessObserver.NONE;
        }
        LOG.debug("Paperless client observed by {}", observers);
        return observers.size() == 1 ? observers.get(0) : new CompositeObserver(observers);
    }

    /** Gauges of the client's connection pool while the handle is open (a no-op handle without a meter registry). */
    public static AutoCloseable connectionPool(CamelContext context, boolean metrics, PaperlessClient client,
                                               String pool) {
        if (!metrics || !MICROMETER) {
            return () -> {
            };
        }
        return MicrometerBinding.connectionPool(context, client, pool);
    }

    /** The meters of a consumer; {@code lag} is read when the registry is scraped. */
    public static ConsumerMeters consumer(CamelContext context, boolean metrics, String routeId, String resource,
                                          String kind, Supplier<Duration> lag) {
        if (!metrics || !MICROMETER) {
            return ConsumerMeters.NONE;
        }
        return MicrometerBinding.consumer(context, routeId, resource, kind, lag);
    }
}
