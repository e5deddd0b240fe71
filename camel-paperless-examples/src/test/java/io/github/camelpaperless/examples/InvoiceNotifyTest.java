package io.github.camelpaperless.examples;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;

import io.github.camelpaperless.component.PaperlessConstants;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The push example: the stand-in's workflow calls the route when a document is added; only invoices are notified. */
class InvoiceNotifyTest extends ExampleTestSupport {

    private static final int PORT = freePort();

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected Properties properties() {
        Properties p = new Properties();
        p.put("notify.port", String.valueOf(PORT));
        p.put("notify.bindHost", "127.0.0.1");
        p.put("notify.externalUrl", "http://127.0.0.1:" + PORT);
        p.put("notify.to", "mock:notify");
        return p;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new InvoiceNotifyRoute();
    }

    @Test
    void aNewInvoiceIsNotifiedByPushAndOtherDocumentsAreNot() throws Exception {
        // the route provisioned its workflow on start
        assertThat(paperless.workflows()).extracting(w -> w.path("name").asText())
                .containsExactly("camel-paperless invoice notify (added)");
        MockEndpoint notify = getMockEndpoint("mock:notify");
        template.sendBodyAndHeader("paperless:documents?operation=upload", "a letter".getBytes(),
                PaperlessConstants.FILE_NAME, "letter.txt");
        template.sendBodyAndHeader("paperless:documents?operation=upload", "Total: 118.00 EUR".getBytes(),
                PaperlessConstants.FILE_NAME, "invoice-2026-118.txt");
        await(Duration.ofSeconds(15), () -> notify.getReceivedCounter() == 1, "the invoice notified");
        assertThat(notify.getExchanges().get(0).getMessage().getHeader(PaperlessConstants.TITLE)).isEqualTo("invoice-2026-118");
        assertThat(notify.getExchanges().get(0).getMessage().getHeader(PaperlessConstants.EVENT_SOURCE)).isEqualTo("push");
        // Paperless called for both documents; both acknowledged at once (202)
        await(Duration.ofSeconds(5), () -> paperless.webhookResults().size() == 2, "both webhook calls");
        assertThat(paperless.webhookResults()).allMatch(r -> r.endsWith(" 202"));
        Thread.sleep(300);
        assertThat(notify.getReceivedCounter()).isEqualTo(1);
    }
}
