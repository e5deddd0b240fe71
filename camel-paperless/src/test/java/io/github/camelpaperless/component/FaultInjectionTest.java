package io.github.camelpaperless.component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.PaperlessConnectionException;
import io.github.camelpaperless.client.PaperlessServerException;
import io.github.camelpaperless.client.PaperlessTimeoutException;
import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.TaskFixtures;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the wire (WireMock faults and delays, and a raw socket server): each producer kind ends in a success
 * after retries or a clear exception — never a silent partial result.
 */
class FaultInjectionTest extends PaperlessTestSupport {

    private static final String TAG = Fixtures.json("tags");

    /** A fault on the first call of a scenario, then success. */
    private void faultThenOk(String path, Fault fault) {
        wm.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(fault)).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo(path)).inScenario(path).whenScenarioStateIs("ok").willReturn(okJson(TAG)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK",
                                               "RANDOM_DATA_THEN_CLOSE" })
    void getIsRetriedAfterAWireFault(Fault fault) {
        faultThenOk("/api/tags/1/", fault);
        assertThat(((Tag) call("paperless:tags?operation=get", 1)).name()).isEqualTo("Inbox");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tags/1/")));
    }

    @Test
    void aPersistentFaultEndsInAClearException() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Exchange ex = template.request("paperless:tags?operation=get&retryAttempts=2", e -> e.getMessage().setBody(1));
        assertThat(ex.getException()).isInstanceOf(PaperlessConnectionException.class)
                .hasMessageContaining("GET /api/tags/1/").hasMessageNotContaining(TOKEN);
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/tags/1/")));
    }

    @Test
    void aResponseSlowerThanTheTimeoutIsRetriedThenRaisesATimeout() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).willReturn(okJson(TAG).withFixedDelay(1500)));
        Exchange ex = template.request("paperless:tags?operation=get&responseTimeout=200&retryAttempts=1",
                e -> e.getMessage().setBody(1));
        assertThat(ex.getException()).isInstanceOf(PaperlessTimeoutException.class).hasMessageContaining("timed out")
                .hasMessageContaining("responseTimeout");
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tags/1/")));
    }

    @Test
    void serviceUnavailableTwiceThenOk() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("s").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("2"));
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("s").whenScenarioStateIs("2")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("3"));
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("s").whenScenarioStateIs("3").willReturn(okJson(TAG)));
        assertThat(call("paperless:tags?operation=get", 1)).isInstanceOf(Tag.class);
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/tags/1/")));
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() {
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(jsonResponse("{\"detail\":\"Request was throttled. Expected available in 1 second.\"}", 429)
                        .withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/api/tags/1/")).inScenario("r").whenScenarioStateIs("ok").willReturn(okJson(TAG)));
        assertThat(call("paperless:tags?operation=get&retryMaxDelay=5000", 1)).isInstanceOf(Tag.class);
        List<ServeEvent> events = wm.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/tags/1/")).toList();
        assertThat(events).hasSize(2);
        long gap = Math.abs(events.get(0).getRequest().getLoggedDate().getTime()
                            - events.get(1).getRequest().getLoggedDate().getTime());
        assertThat(gap).as("the retry waited for Retry-After").isGreaterThanOrEqualTo(900);
    }

    @Test
    void listRetriesAPageMidIterationAndNeverReturnsAPartialListSilently() {
        String next = wm.baseUrl() + "/api/tags/?page=2&page_size=1";
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.page(2, next, null, TAG))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2")).inScenario("p")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2")).inScenario("p")
                .whenScenarioStateIs("ok").willReturn(okJson(Fixtures.page(2, null, null, TAG))));
        PagedIterable<?> all = (PagedIterable<?>) call("paperless:tags?pageSize=1", null);
        assertThat(all.stream().count()).isEqualTo(2);
        // page 2 failed once and was asked again; page 1 was not asked again
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent()));

        wm.resetAll();
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.page(2, next, null, TAG))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2")).willReturn(aResponse().withStatus(500)));
        PagedIterable<?> broken = (PagedIterable<?>) call("paperless:tags?pageSize=1&retryAttempts=1", null);
        java.util.Iterator<?> it = broken.iterator();
        assertThat(it.next()).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(it::hasNext).isInstanceOf(PaperlessServerException.class)
                .hasMessageContaining("HTTP 500");
        // a 500 is not retried on a GET (only 502, 503, 504 and connection failures are)
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2")));
    }

    @Test
    void uploadsAreNotRetriedBlindly() {
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Exchange ex = template.request("paperless:documents?operation=upload", e -> e.getMessage().setBody("content"));
        assertThat(ex.getException()).isInstanceOf(PaperlessConnectionException.class);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
    }

    @Test
    void uploadsToAServerThatIsDownAreRetriedBecauseTheyNeverLeft() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Exchange ex;
        String log;
        try (io.github.camelpaperless.support.LogCapture capture = new io.github.camelpaperless.support.LogCapture()) {
            ex = template.request("paperless:documents?operation=upload&retryAttempts=2&retryDelay=10&apiVersion=10&baseUrl=http://127.0.0.1:"
                                  + closed, e -> e.getMessage().setBody("content"));
            log = capture.text();
        }
        assertThat(ex.getException()).isInstanceOf(PaperlessConnectionException.class).hasMessageContaining("cannot connect");
        assertThat(((PaperlessConnectionException) ex.getException()).isConnectFailure()).isTrue();
        // the two retries happened: three attempts in all
        assertThat(log).contains("Retrying POST /api/documents/post_document/").contains("(retry 1 of 2)")
                .contains("(retry 2 of 2)").doesNotContain("(retry 3 of");
    }

    @Test
    void withDuplicatesSkipAFailedUploadIsRetriedOnlyAfterTheChecksumLookupFindsNothing() {
        byte[] content = "retry me".getBytes(StandardCharsets.UTF_8);
        String sha = Checksums.of(content).sha256();
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", equalTo(sha))
                .willReturn(okJson(Fixtures.page(0, null, null))));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(okJson(TaskFixtures.page())));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("u").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("ok"));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("u").whenScenarioStateIs("ok")
                .willReturn(okJson("\"9b2e0a1c-3d4f-4a5b-8c6d-7e8f9a0b1c2d\"")));
        Object task = call("paperless:documents?operation=upload&duplicates=skip", content);
        assertThat(task).isEqualTo("9b2e0a1c-3d4f-4a5b-8c6d-7e8f9a0b1c2d");
        wm.verify(2, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
        // before the upload, then after the failure twice (the second after a settling pause: a server that stalled
        // may still be working on what it received), each time with the tasks queued since it was sent
        wm.verify(3, getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", equalTo(sha)));
        wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                .withQueryParam("date_created_after", matching(".+")));
    }

    /**
     * Defect 7: the first upload was accepted although the client saw a failure, and is still queued for consumption
     * (3.x accepts duplicates, so a second upload would make a second document): its task is adopted, nothing is
     * uploaded again.
     */
    @Test
    void withDuplicatesSkipAnUploadStillQueuedOnTheServerIsNotUploadedAgain() {
        byte[] content = "accepted before the reset".getBytes(StandardCharsets.UTF_8);
        String uuid = "7c7c7c7c-1d1d-4e4e-8f8f-0a0a0a0a0a0a";
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).willReturn(okJson(Fixtures.page(0, null, null))));
        // queued by the server just now, for a file of this name (the query asks for both)
        String queued = TaskFixtures.v10(77, uuid, "pending", null, "[]")
                .replaceFirst("\"date_created\":\"[^\"]+\"", "\"date_created\":\"" + java.time.Instant.now() + "\"");
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                .withQueryParam("name", equalTo("invoice.pdf")).withQueryParam("date_created_after", matching(".+"))
                .willReturn(okJson(TaskFixtures.page(queued))));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Exchange ex = template.request("paperless:documents?operation=upload&duplicates=skip&retryDelay=10", e -> {
            e.getMessage().setBody(content);
            e.getMessage().setHeader(PaperlessConstants.FILE_NAME, "invoice.pdf");
        });
        assertThat(ex.getException()).isNull();
        assertThat(ex.getMessage().getBody()).isEqualTo(uuid);
        assertThat(ex.getMessage().getHeader(PaperlessConstants.TASK_ID)).isEqualTo(uuid);
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
    }

    /** Without a document or a queued task, the one RetryPolicy decides how often the upload is tried again. */
    @Test
    void withDuplicatesSkipAnUploadThatKeepsFailingIsTriedRetryAttemptsPlusOneTimes() {
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).willReturn(okJson(Fixtures.page(0, null, null))));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(okJson(TaskFixtures.page())));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(aResponse().withStatus(503)));
        Exchange ex = template.request("paperless:documents?operation=upload&duplicates=skip&retryAttempts=2&retryDelay=10",
                e -> e.getMessage().setBody("never stored"));
        assertThat(ex.getException()).isInstanceOf(PaperlessServerException.class);
        wm.verify(3, postRequestedFor(urlPathEqualTo("/api/documents/post_document/")));
        // before each of the 2 retries: the server's task list, twice (before and after the settling pause)
        wm.verify(4, getRequestedFor(urlPathEqualTo("/api/tasks/")));
    }

    @Test
    void waitingForATaskSurvivesTransientErrors() {
        String uuid = "5a5a5a5a-1b1b-4c4c-8d8d-9e9e9e9e9e9e";
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).inScenario("t").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(1, uuid, "success", "{\"document_id\":42}", "[42]")))));
        Task t = (Task) call("paperless:tasks?operation=poll&pollInterval=10", uuid);
        assertThat(t.documentId()).isEqualTo(42);
    }

    @Test
    void aDownloadCutMidStreamRaisesInsteadOfReturningATruncatedFile() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (Socket s = server.accept()) {
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[8192];
                        int n = in.read(buf); // the request
                        String req = n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII) : "";
                        OutputStream out = s.getOutputStream();
                        if (req.startsWith("GET /api/ui_settings/")) {
                            byte[] body = "{\"settings\":{}}".getBytes(StandardCharsets.US_ASCII);
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                                       + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.write(body);
                        } else {
                            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100000\r\n"
                                       + "Content-Disposition: attachment; filename=\"cut.pdf\"\r\n\r\n%PDF-1.7 only the start")
                                    .getBytes(StandardCharsets.US_ASCII));
                        }
                        out.flush();
                    } catch (IOException ignore) {
                        // test server
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:cut").to("paperless:documents?operation=download&baseUrl=http://127.0.0.1:" + server.getLocalPort())
                            .process(e -> e.getMessage().setBody(e.getMessage().getBody(InputStream.class).readAllBytes()));
                }
            });
            Exchange ex = template.request("direct:cut", e -> e.getMessage().setHeader(PaperlessConstants.ID, 1));
            assertThat(ex.getException()).isInstanceOf(IOException.class).hasMessageContaining("Premature end");
            assertThat(ex.getMessage().getBody()).isNotInstanceOf(byte[].class);
        }
    }
}
