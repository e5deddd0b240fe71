package io.github.camelpaperless.it.support;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends messages to {@code paperless:} endpoints of one server, as a route would, and returns the whole exchange so
 * tests can check body and headers.
 */
public final class Routes {

    private final RealServer server;
    private final CamelContext context;
    private final ProducerTemplate template;

    public Routes(RealServer server) {
        this(server, server.camel());
    }

    public Routes(RealServer server, CamelContext context) {
        this.server = server;
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    public CamelContext context() {
        return context;
    }

    public RealServer server() {
        return server;
    }

    /** Sends and returns the exchange; fails the test with the exception when the exchange failed. */
    public Exchange call(String uri, Object body, Object... headers) {
        Exchange ex = attempt(uri, body, headers);
        if (ex.getException() != null) {
            throw new AssertionError(uri + " failed on " + server.displayName() + ": " + ex.getException(), ex.getException());
        }
        return ex;
    }

    /** Sends and returns the body. */
    public Object body(String uri, Object body, Object... headers) {
        return call(uri, body, headers).getMessage().getBody();
    }

    /** Sends and returns the body as JSON (models, lists and maps alike). */
    public JsonNode json(String uri, Object body, Object... headers) {
        return server.client().mapper().valueToTree(body(uri, body, headers));
    }

    /**
     * Sends through a route that reads the (streamed) answer into a byte[] before the exchange completes (a download
     * is closed when its exchange completes); returns the exchange.
     */
    public Exchange read(String uri, Object body, Object... headers) {
        String direct = "direct:read-" + Integer.toHexString(uri.hashCode());
        if (context.getRoute(direct.substring(7)) == null) {
            try {
                context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                    @Override
                    public void configure() {
                        from(direct).routeId(direct.substring(7)).to(uri).convertBodyTo(byte[].class);
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return call(direct, body, headers);
    }

    /** Sends and returns the exchange, failed or not. */
    public Exchange attempt(String uri, Object body, Object... headers) {
        Map<String, Object> h = new HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(String.valueOf(headers[i]), headers[i + 1]);
        }
        return template.send(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(h);
        });
    }

    /** The exception an exchange failed with; fails the test when it did not fail. */
    public Exception failure(String uri, Object body, Object... headers) {
        Exchange ex = attempt(uri, body, headers);
        if (ex.getException() == null) {
            throw new AssertionError(uri + " was expected to fail on " + server.displayName() + " but returned "
                                     + ex.getMessage().getBody());
        }
        return ex.getException();
    }
}
