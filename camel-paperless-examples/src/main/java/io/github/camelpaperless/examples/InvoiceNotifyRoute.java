package io.github.camelpaperless.examples;

import io.github.camelpaperless.component.PaperlessConstants;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * Example 6 — push: notify on every new invoice within seconds. {@code paperless:documents?push=true} serves a webhook
 * path on the application's HTTP server (here Camel's platform-http on Vert.x), provisions a Paperless workflow
 * ("document added" → webhook) that calls it, and polls every {@code catchUpDelay} for whatever a call could not
 * deliver (the application was down, a call timed out). Each document is emitted once, by push or by the catch-up.
 * <p>
 * {@code notify.externalUrl} is the address under which <em>Paperless</em> reaches this application: with Paperless in
 * Docker on the same host that is e.g. {@code http://host.docker.internal:8085}; on another host the application's
 * host name. Paperless refuses webhooks to private addresses when {@code PAPERLESS_WEBHOOKS_ALLOW_INTERNAL_REQUESTS}
 * is false (the default is true).
 */
public class InvoiceNotifyRoute extends RouteBuilder {

    @Override
    public void configure() throws Exception {
        if (!Boolean.parseBoolean(getContext().resolvePropertyPlaceholders("{{notify.enabled:true}}"))) {
            return;
        }
        // the HTTP server (with camel-platform-http-main, camel.server.enabled=true and camel.server.port do this)
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost(getContext().resolvePropertyPlaceholders("{{notify.bindHost:0.0.0.0}}"));
        http.setBindPort(Integer.parseInt(getContext().resolvePropertyPlaceholders("{{notify.port:8085}}")));
        getContext().addService(new VertxPlatformHttpServer(http));

        from("paperless:documents?push=true&webhookExternalUrl={{notify.externalUrl:http://127.0.0.1:8085}}"
             + "&webhookPath=/paperless/new-documents&workflowName={{notify.workflowName:camel-paperless invoice notify}}"
             + "&catchUpDelay={{notify.catchUpDelay:10m}}&startFrom=now&deleteWorkflowOnStop=true")
                .routeId("invoice-notify")
                .filter(header(PaperlessConstants.TITLE).regex("(?i).*invoice.*"))
                .log("New invoice in Paperless: '${header.CamelPaperlessTitle}' (document ${header.CamelPaperlessId}, "
                     + "${header.CamelPaperlessEvent} by ${header.CamelPaperlessEventSource})")
                .to("{{notify.to:log:invoice-notify}}");
    }
}
