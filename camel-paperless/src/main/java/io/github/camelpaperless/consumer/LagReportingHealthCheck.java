package io.github.camelpaperless.consumer;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * A paperless consumer's health check: Camel's check of a polling consumer (DOWN after failed polls, with the last
 * poll error), with the consumer's lag, position and the last failed exchange added as details. A readiness check
 * only: Paperless being down makes the application not ready, never not alive (a restart would not bring Paperless
 * back), so asked for liveness it answers UP.
 */
final class LagReportingHealthCheck implements HealthCheck {

    /** Age in seconds of the oldest change not yet processed (see {@link AbstractPaperlessConsumer#lag()}). */
    static final String LAG = "paperless.lag.seconds";
    static final String WATERMARK = "paperless.watermark";
    static final String LAST_EXCHANGE_ERROR = "paperless.last.exchange.error";
    static final String EPOCH = "paperless.epoch";

    private final HealthCheck delegate;
    private final AbstractPaperlessConsumer consumer;

    LagReportingHealthCheck(HealthCheck delegate, AbstractPaperlessConsumer consumer) {
        this.delegate = delegate;
        this.consumer = consumer;
    }

    @Override
    public String getGroup() {
        return delegate.getGroup();
    }

    @Override
    public String getId() {
        return delegate.getId();
    }

    @Override
    public boolean isEnabled() {
        return delegate.isEnabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        delegate.setEnabled(enabled);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public boolean isReadiness() {
        return delegate.isReadiness();
    }

    @Override
    public Map<String, Object> getMetaData() {
        return delegate.getMetaData();
    }

    @Override
    public Result call(Map<String, Object> options) {
        if (options != null && options.get(CHECK_KIND) == Kind.LIVENESS) {
            return HealthCheckResultBuilder.on(this).up()
                    .message("liveness does not depend on Paperless (readiness reports it)").build();
        }
        Result r = delegate.call(options);
        HealthCheckResultBuilder b = HealthCheckResultBuilder.on(this).state(r.getState());
        r.getMessage().ifPresent(b::message);
        r.getError().ifPresent(b::error);
        b.details(r.getDetails());
        if (consumer.epoch() >= 0) {
            b.detail(EPOCH, consumer.epoch());
        }
        PositionFencedException fenced = consumer.fenced();
        if (fenced != null) {
            // another instance holds the position: this one emits nothing until its route is started again
            b.down().message(fenced.getMessage());
        }
        Duration lag = consumer.lag();
        if (lag != null) {
            b.detail(LAG, lag.toMillis() / 1000.0);
        }
        String watermark = consumer.watermark();
        if (watermark != null) {
            b.detail(WATERMARK, watermark);
        }
        String failed = consumer.lastExchangeError();
        if (failed != null) {
            b.detail(LAST_EXCHANGE_ERROR, failed);
        }
        return b.build();
    }
}
