package io.github.camelpaperless.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.spi.RestConsumerFactory;

/**
 * Serves the push consumer's webhook path on the application's own HTTP server: a Camel {@link RestConsumerFactory}
 * (platform-http, netty-http, jetty, undertow or servlet), as Camel's webhook component does, without depending on
 * any of them.
 */
final class WebhookServer {

    /** Looked up in this order when webhookComponentName is not set (platform-http first, as the modern default). */
    static final List<String> KNOWN = List.of("platform-http", "netty-http", "jetty", "undertow", "servlet");

    private WebhookServer() {
    }

    /** A consumer of POST requests on {@code path} that runs {@code handler}; not started. */
    static Consumer create(CamelContext context, String componentName, String path, Processor handler) throws Exception {
        RestConsumerFactory factory = locate(context, componentName);
        return factory.createConsumer(context, handler, "POST", path, null, null, null, context.getRestConfiguration(),
                Map.of());
    }

    static RestConsumerFactory locate(CamelContext context, String name) {
        if (name != null && !name.isBlank()) {
            Object bean = context.getRegistry().lookupByName(name);
            if (bean instanceof RestConsumerFactory f) {
                return f;
            }
            Component component = context.getComponent(name);
            if (component instanceof RestConsumerFactory f) {
                return f;
            }
            throw new IllegalArgumentException("webhookComponentName=" + name + " names no HTTP server component (a "
                                               + "RestConsumerFactory) in this Camel context: add its dependency, "
                                               + "e.g. camel-" + name + ", or use one of " + KNOWN);
        }
        Set<RestConsumerFactory> beans = context.getRegistry().findByType(RestConsumerFactory.class);
        if (beans.size() == 1) {
            return beans.iterator().next();
        }
        for (String known : KNOWN) {
            Component component;
            try {
                component = context.getComponent(known);
            } catch (RuntimeException e) {
                continue;
            }
            if (component instanceof RestConsumerFactory f) {
                return f;
            }
        }
        throw new IllegalStateException("push=true serves Paperless' webhook calls on the application's HTTP server, but "
                                        + "none is on the classpath: add camel-platform-http-vertx (or camel-netty-http, "
                                        + "camel-jetty, camel-undertow, camel-servlet), or name one with "
                                        + "webhookComponentName");
    }
}
