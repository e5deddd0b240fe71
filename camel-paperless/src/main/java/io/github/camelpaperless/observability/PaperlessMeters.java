package io.github.camelpaperless.observability;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.camelpaperless.client.PaperlessApiException;
import io.github.camelpaperless.client.PaperlessObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The component's meters on a Micrometer {@link MeterRegistry}: the {@code paperless.} family (Camel's own meters are
 * {@code camel.}). Every tag has a bounded set of values: no id, title, token or query value is ever a tag. See
 * {@code docs/observability.md} for the list and example queries.
 * <p>
 * Loaded only when Micrometer is on the class path ({@link Observability}).
 */
final class PaperlessMeters implements PaperlessObserver {

    static final String REQUESTS = "paperless.client.requests";
    static final String RETRIES = "paperless.client.retries";
    static final String CONNECTIONS = "paperless.client.connections";
    static final String UPLOADS = "paperless.uploads";
    static final String UPLOAD_BYTES = "paperless.uploads.bytes";
    static final String TASK_WAIT = "paperless.tasks.wait";
    static final String TASK_CONSUMPTION = "paperless.tasks.consumption";
    static final String POLLS = "paperless.consumer.polls";
    static final String EMITTED = "paperless.consumer.emitted";
    static final String FAILED = "paperless.consumer.exchanges.failed";
    static final String PUSH_CALLS = "paperless.consumer.push.calls";
    static final String FENCED = "paperless.consumer.fenced";
    static final String LAG = "paperless.consumer.lag";

    private final MeterRegistry registry;

    PaperlessMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // client

    @Override
    public RequestObservation requestStarted(Request request) {
        long start = System.nanoTime();
        return (status, failure) -> Timer.builder(REQUESTS)
                .description("HTTP requests to Paperless, each attempt (a retry is a request of its own)")
                .tags(requestTags(request))
                .tag("status", status > 0 ? String.valueOf(status) : "IO_ERROR")
                .tag("outcome", outcome(status))
                .tag("exception", failure == null || failure instanceof PaperlessApiException && status > 0 ? "none"
                        : failure.getClass().getSimpleName())
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static Tags requestTags(Request request) {
        return Tags.of("method", request.method(), "resource", request.resource(), "uri", request.uri(),
                "operation", request.operation(), "server.address", request.host());
    }

    private static String outcome(int status) {
        if (status <= 0) {
            return "UNKNOWN";
        }
        if (status < 200) {
            return "INFORMATIONAL";
        }
        if (status < 300) {
            return "SUCCESS";
        }
        if (status < 400) {
            return "REDIRECTION";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }

    @Override
    public void retrying(Request request, String reason) {
        Counter.builder(RETRIES)
                .description("Requests sent again by the retry policy, by the reason of the failed attempt")
                .tags("method", request.method(), "resource", request.resource(), "operation", request.operation(),
                        "reason", reason)
                .register(registry).increment();
    }

    @Override
    public void uploaded(UploadResult result, long bytes) {
        String r = result.name().toLowerCase(Locale.ROOT);
        Counter.builder(UPLOADS).description("Uploads by what they came to").tag("result", r).register(registry)
                .increment();
        if (bytes >= 0) {
            DistributionSummary.builder(UPLOAD_BYTES).description("Size of uploaded files").baseUnit("bytes")
                    .tag("result", r).register(registry).record(bytes);
        }
    }

    @Override
    public TaskWait taskWaitStarted(String taskId) {
        long start = System.nanoTime();
        return (result, consumption) -> {
            String r = result.name().toLowerCase(Locale.ROOT);
            Timer.builder(TASK_WAIT).description("Waits for consumption tasks (waitForCompletion), by how they ended")
                    .tag("result", r).register(registry).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (consumption != null) {
                Timer.builder(TASK_CONSUMPTION)
                        .description("Paperless' consumption time of an upload: the task's creation to its end, as the "
                                     + "server recorded them")
                        .tag("result", r).register(registry).record(consumption);
            }
        };
    }

    /** Gauges of a client's connection pool; removed by closing the returned handle. */
    AutoCloseable connectionPool(String server, String pool, Supplier<int[]> stats) {
        Meter[] meters = new Meter[4];
        String[] states = { "leased", "available", "pending", "max" };
        for (int i = 0; i < states.length; i++) {
            int index = i;
            meters[i] = Gauge.builder(CONNECTIONS, stats, s -> {
                int[] v = s.get();
                return v == null ? Double.NaN : v[index];
            }).description("Connections of the client's pool to Paperless, by state").tags("state", states[i],
                    "server.address", server, "pool", pool).strongReference(true).register(registry);
        }
        return () -> {
            for (Meter m : meters) {
                registry.remove(m);
            }
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // consumers

    ConsumerMeters consumer(String routeId, String resource, String kind, Supplier<Duration> lag) {
        Tags tags = Tags.of("route", routeId, "resource", resource);
        Counter pollsOk = Counter.builder(POLLS).description("Polls of a paperless consumer").tags(tags)
                .tag("outcome", "success").register(registry);
        Counter pollsFailed = Counter.builder(POLLS).description("Polls of a paperless consumer").tags(tags)
                .tag("outcome", "failure").register(registry);
        Counter byPoll = Counter.builder(EMITTED).description("Documents or tasks a consumer emitted").tags(tags)
                .tag("via", "poll").register(registry);
        Counter byPush = Counter.builder(EMITTED).description("Documents or tasks a consumer emitted").tags(tags)
                .tag("via", "push").register(registry);
        Counter failed = Counter.builder(FAILED).description("Exchanges of a consumer that failed (emitted again)")
                .tags(tags).register(registry);
        Gauge lagGauge = Gauge.builder(LAG, lag, l -> {
            Duration d = l.get();
            return d == null ? Double.NaN : d.toNanos() / 1e9;
        }).description("Age of the oldest change in Paperless the consumer has not processed yet (" + kind + ")")
                .baseUnit("seconds").tags(tags).strongReference(true).register(registry);
        return new ConsumerMeters() {
            @Override
            public void polled(boolean ok) {
                (ok ? pollsOk : pollsFailed).increment();
            }

            @Override
            public void emitted(boolean pushed) {
                (pushed ? byPush : byPoll).increment();
            }

            @Override
            public void failed() {
                failed.increment();
            }

            @Override
            public void fenced() {
                Counter.builder(FENCED).description("Consumers that found their position taken over by another instance "
                                                    + "(a write refused; the consumer stopped emitting)")
                        .tags(tags).register(registry).increment();
            }

            @Override
            public void pushAnswered(int status) {
                Counter.builder(PUSH_CALLS).description("Webhook calls the push consumer answered, by answer")
                        .tags(tags).tag("status", String.valueOf(status)).register(registry).increment();
            }

            @Override
            public void close() {
                for (Meter m : new Meter[] { pollsOk, pollsFailed, byPoll, byPush, failed, lagGauge }) {
                    registry.remove(m);
                }
                registry.getMeters().stream()
                        .filter(m -> (m.getId().getName().equals(PUSH_CALLS) || m.getId().getName().equals(FENCED))
                                     && routeId.equals(m.getId().getTag("route"))
                                     && resource.equals(m.getId().getTag("resource")))
                        .toList().forEach(registry::remove);
            }
        };
    }
}
