package io.github.camelpaperless.observability;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.camelpaperless.client.PaperlessClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.hc.core5.pool.PoolStats;

/** Finds the meter registry; loaded only when Micrometer is on the class path. */
final class MicrometerBinding {

    private MicrometerBinding() {
    }

    /**
     * The registry: the only {@code MeterRegistry} of the Camel registry; of several (Spring Boot with more than one
     * exporter), the composite that feeds them; else the one named {@code metricsRegistry} (camel-micrometer's name).
     */
    static MeterRegistry registry(CamelContext context) {
        java.util.Set<MeterRegistry> all = context.getRegistry().findByType(MeterRegistry.class);
        if (all.size() == 1) {
            return all.iterator().next();
        }
        for (MeterRegistry r : all) {
            if (r instanceof io.micrometer.core.instrument.composite.CompositeMeterRegistry) {
                return r;
            }
        }
        return context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
    }

    static io.github.camelpaperless.client.PaperlessObserver observer(CamelContext context) {
        MeterRegistry r = registry(context);
        return r == null ? null : new PaperlessMeters(r);
    }

    static AutoCloseable connectionPool(CamelContext context, PaperlessClient client, String pool) {
        MeterRegistry r = registry(context);
        if (r == null) {
            return () -> {
            };
        }
        return new PaperlessMeters(r).connectionPool(client.config().url().host(),
                pool, () -> {
                    PoolStats s = client.poolStats();
                    return s == null ? null : new int[] { s.getLeased(), s.getAvailable(), s.getPending(), s.getMax() };
                });
    }

    static ConsumerMeters consumer(CamelContext context, String routeId, String resource, String kind,
                                   Supplier<Duration> lag) {
        MeterRegistry r = registry(context);
        return r == null ? ConsumerMeters.NONE
                : new PaperlessMeters(r).consumer(routeId == null ? "none" : routeId, resource, kind, lag);
    }
}
