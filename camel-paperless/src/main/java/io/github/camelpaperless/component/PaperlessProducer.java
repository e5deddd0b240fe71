package io.github.camelpaperless.component;

import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.PaperlessObserver;
import io.github.camelpaperless.client.PaperlessClient;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * The producer: runs the operation named by the header {@code CamelPaperlessOperation} or the option
 * {@code operation}, as its definition in {@link Operations} says. A result other than {@code null} becomes the body;
 * every result carries the API and server versions ({@code CamelPaperlessApiVersion}, {@code CamelPaperlessServerVersion}).
 */
public class PaperlessProducer extends DefaultAsyncProducer {

    private final PaperlessEndpoint endpoint;
    private final PaperlessResource resource;
    private final OperationContext.Handlers handlers;
    private WritableHealthCheckRepository healthRepository;
    private PaperlessProducerHealthCheck healthCheck;

    public PaperlessProducer(PaperlessEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.resource = endpoint.getResource();
        this.handlers = OperationContext.Handlers.of(endpoint);
    }

    private String operationName(Exchange exchange) {
        String name = exchange.getMessage().getHeader(PaperlessConstants.OPERATION, String.class);
        if (name != null) {
            return name;
        }
        String option = endpoint.getConfiguration().getOperation();
        return option != null ? option : resource.defaultOperation();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        String name = operationName(exchange);
        Operation op = Operations.find(resource, name);
        if (op == null) {
            boolean known = Operations.isKnown(name);
            exchange.setException(new IllegalArgumentException(
                    (known ? "Operation '" : "Unknown operation '") + name + "' " + (known ? "is not supported by" : "for")
                                                               + " paperless:" + resource.path() + " (header "
                                                               + PaperlessConstants.OPERATION + " or option operation): use one of "
                                                               + resource.operationNames()));
            callback.done(true);
            return true;
        }
        try (PaperlessObserver.OperationScope named = PaperlessObserver.operation(op.name())) {
            Object result = op.call().run(new OperationContext(exchange, op.name(), handlers));
            if (result instanceof PagedIterable) {
                // a route works on each item: the next page is read meanwhile
                result = ((PagedIterable<?>) result).readAhead();
            }
            if (result != null) {
                exchange.getMessage().setBody(result);
            }
            setVersionHeaders(exchange);
        } catch (Exception e) {
            exchange.setException(e);
            setVersionHeaders(exchange);
        }
        callback.done(true);
        return true;
    }

    /** The negotiated API version and the server's version on every result (a lazy list learns them first). */
    private void setVersionHeaders(Exchange exchange) {
        try {
            PaperlessClient c = endpoint.getClient();
            Message m = exchange.getMessage();
            if (exchange.getException() == null && m.getBody() instanceof PagedIterable
                    && (c.apiVersion() == 0 || c.serverVersion() == null)) {
                // a lazy list has not talked to the server yet: learn the versions so that it carries them too
                c.negotiate();
            }
            if (c.apiVersion() != 0) {
                m.setHeader(PaperlessConstants.API_VERSION, c.apiVersion());
            }
            if (c.serverVersion() != null) {
                m.setHeader(PaperlessConstants.SERVER_VERSION, c.serverVersion());
            }
        } catch (Exception ignore) {
            // the client could not be built, or the version probe failed: the exchange carries the operation's outcome
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        PaperlessComponent component = endpoint.getComponent();
        if (component.isHealthCheckProducerEnabled()) {
            healthRepository = HealthCheckHelper.getHealthCheckRepository(endpoint.getCamelContext(), "producers",
                    WritableHealthCheckRepository.class);
            if (healthRepository != null) {
                healthCheck = new PaperlessProducerHealthCheck(endpoint,
                        "producer:paperless-" + resource.path() + "-" + endpoint.getId());
                healthRepository.addHealthCheck(healthCheck);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (healthRepository != null && healthCheck != null) {
            healthRepository.removeHealthCheck(healthCheck);
            healthCheck = null;
        }
        super.doStop();
    }
}
