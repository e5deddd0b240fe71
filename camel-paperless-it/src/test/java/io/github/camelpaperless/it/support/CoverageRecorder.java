package io.github.camelpaperless.it.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.component.PaperlessEndpoint;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Records every operation the tests send to a {@code paperless:} endpoint, per server, so that
 * {@code ZOperationCoverageIT} can show that every resource and operation met every real server.
 */
public final class CoverageRecorder extends EventNotifierSupport {

    private static final Set<String> SENT = ConcurrentHashMap.newKeySet();

    private final String server;

    CoverageRecorder(String server) {
        this.server = server;
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof ExchangeSendingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        ExchangeSendingEvent e = (ExchangeSendingEvent) event;
        if (e.getEndpoint() instanceof PaperlessEndpoint) {
            PaperlessEndpoint p = (PaperlessEndpoint) e.getEndpoint();
            String op = e.getExchange().getMessage().getHeader(PaperlessConstants.OPERATION, String.class);
            if (op == null) {
                op = p.getConfiguration().getOperation();
            }
            if (op == null) {
                op = p.getResource().defaultOperation();
            }
            SENT.add(key(server, p.getResource().path(), op));
        }
    }

    static String key(String server, String resource, String operation) {
        return server + " " + resource + " " + operation;
    }

    /** Whether a test sent this operation of this resource to this server. */
    public static boolean sent(String server, String resource, String operation) {
        return SENT.contains(key(server, resource, operation));
    }
}
