package io.github.camelpaperless.component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.PaperlessTaskOrphanedException;
import io.github.camelpaperless.client.PaperlessTaskTimeoutException;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.TaskFixtures;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: an upload is sent at most once per file while Paperless has not seen it through — across an exchange's
 * redeliveries, a file picked up again, concurrent uploads of one file and (with a persistent ledger) a restarted
 * application; a task that will never finish is recognised and does not hold the file back forever.
 */
class UploadLedgerTest extends PaperlessTestSupport {

    static final String UUID = "6d6d6d6d-2e2e-4f4f-8a8a-3b3b3b3b3b3b";
    static final String UUID2 = "6d6d6d6d-2e2e-4f4f-8a8a-3b3b3b3b3b3c";
    static final byte[] CONTENT = "the same file, delivered again".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private void stubUploadAnswers(String uuid) {
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).willReturn(okJson("\"" + uuid + "\"")));
    }

    private void stubTask(String uuid, String status, String resultData, String related) {
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid))
                .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(30, uuid, status, resultData, related)
                        .replace("invoice.pdf", "scan.txt")))));
    }

    private void stubDocument(int id) {
        wm.stubFor(get(urlPathEqualTo("/api/documents/" + id + "/")).willReturn(okJson(Fixtures.json("documents"))));
    }

    private void stubNoDocumentWithTheContent() {
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("checksum__iexact", matching(".+"))
                .willReturn(okJson(Fixtures.page(0, null, null))));
    }

    private Exchange upload(ProducerTemplate t, String uri, byte[] content) {
        return t.request(uri, e -> {
            e.getMessage().setBody(content);
            e.getMessage().setHeader(PaperlessConstants.FILE_NAME, "scan.txt");
        });
    }

    private int uploadsSent() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/api/documents/post_document/"))).size();
    }

    /**
     * The natural route: upload with waitForCompletion and Camel redelivery. A worker that stalls longer than
     * waitTimeout used to turn each redelivery into another upload (3 redeliveries: 4 documents on Paperless 3).
     */
    @Test
    void aRedeliveredUploadAfterATimedOutWaitTakesOverTheTaskInsteadOfUploadingAgain() throws Exception {
        stubUploadAnswers(UUID);
        stubTask(UUID, "pending", null, null);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0));
                from("direct:ingest").to("paperless:documents?operation=upload&waitForCompletion=true&waitTimeout=100&pollInterval=20");
            }
        });
        Exchange stalled = upload(template, "direct:ingest", CONTENT);
        assertThat(stalled.getException()).isInstanceOf(PaperlessTaskTimeoutException.class)
                .hasMessageContaining("Task " + UUID + " (scan.txt) is still queued")
                .hasMessageContaining("the next upload of the same file waits for this task");
        assertThat(stalled.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME)).isEqualTo("resumed");
        assertThat(uploadsSent()).as("one upload for the first attempt and 3 redeliveries").isEqualTo(1);

        // the worker resumes: the file picked up again (a new exchange) gets the document of that task
        stubTask(UUID, "success", "{\"document_id\":42}", "[42]");
        stubDocument(42);
        Exchange done = upload(template, "direct:ingest", CONTENT);
        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody()).isInstanceOf(Document.class);
        assertThat(done.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(42);
        assertThat(done.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME)).isEqualTo("resumed");
        assertThat(uploadsSent()).isEqualTo(1);

        // seen through: the same bytes uploaded later on purpose are a new upload (duplicates=allow)
        stubUploadAnswers(UUID2);
        stubTask(UUID2, "success", "{\"document_id\":42}", "[42]");
        Exchange again = upload(template, "direct:ingest", CONTENT);
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME)).isEqualTo("uploaded");
        assertThat(uploadsSent()).isEqualTo(2);
    }

    /** With duplicates=skip the stored-document look-up finds nothing while the task waits queued: the ledger does. */
    @Test
    void withDuplicatesSkipAFileStillQueuedIsNotUploadedAgain() throws Exception {
        stubUploadAnswers(UUID);
        stubTask(UUID, "pending", null, null);
        stubNoDocumentWithTheContent();
        String uri = "paperless:documents?operation=upload&duplicates=skip&waitForCompletion=true&waitTimeout=60&pollInterval=20";
        assertThat(upload(template, uri, CONTENT).getException()).isInstanceOf(PaperlessTaskTimeoutException.class);
        assertThat(upload(template, uri, CONTENT).getException()).isInstanceOf(PaperlessTaskTimeoutException.class);
        assertThat(uploadsSent()).isEqualTo(1);
    }

    /** A persistent ledger: the application restarted while its upload waited queued takes the task over. */
    @Test
    void aPersistentLedgerCoversARestartedApplication() throws Exception {
        stubUploadAnswers(UUID);
        stubTask(UUID, "pending", null, null);
        Path file = tmp.resolve("uploads.state");
        for (int run = 1; run <= 2; run++) {
            CamelContext app = new DefaultCamelContext();
            PaperlessComponent pc = new PaperlessComponent();
            pc.getConfiguration().setBaseUrl(wm.baseUrl());
            pc.getConfiguration().setToken(TOKEN);
            FileStateRepository repo = FileStateRepository.fileStateRepository(file.toFile());
            app.getRegistry().bind("uploads", repo);
            app.addComponent("paperless", pc);
            app.start();
            try {
                Exchange e = upload(app.createProducerTemplate(),
                        "paperless:documents?operation=upload&uploadStateRepository=#uploads&waitForCompletion=true"
                                                              + "&waitTimeout=60&pollInterval=20",
                        CONTENT);
                assertThat(e.getException()).isInstanceOf(PaperlessTaskTimeoutException.class);
                assertThat(e.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME))
                        .isEqualTo(run == 1 ? "uploaded" : "resumed");
            } finally {
                app.stop(); // the first application goes away with its upload queued in Paperless
            }
        }
        assertThat(uploadsSent()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(file)).contains(UUID).doesNotContain(TOKEN);
    }

    /** Two exchanges uploading the same file at the same moment: one upload, the other takes its task over. */
    @Test
    void theSameFileUploadedTwiceAtOnceIsSentOnce() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/"))
                .willReturn(okJson("\"" + UUID + "\"").withFixedDelay(200)));
        stubTask(UUID, "pending", null, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Exchange>> both = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                both.add(pool.submit(() -> {
                    go.await();
                    return upload(template, "paperless:documents?operation=upload", CONTENT);
                }));
            }
            go.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Exchange> f : both) {
                Exchange e = f.get(20, TimeUnit.SECONDS);
                assertThat(e.getException()).isNull();
                assertThat(e.getMessage().getBody()).isEqualTo(UUID);
                outcomes.add(e.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME));
            }
            assertThat(outcomes).containsExactlyInAnyOrder("uploaded", "resumed");
        } finally {
            pool.shutdownNow();
        }
        assertThat(uploadsSent()).isEqualTo(1);
    }

    /** The route names what makes two uploads the same: another content under the same key is taken over too. */
    @Test
    void anIdempotencyKeyMakesTwoUploadsTheSame() throws Exception {
        stubUploadAnswers(UUID);
        stubTask(UUID, "pending", null, null);
        for (String content : List.of("first rendering", "second rendering")) {
            Exchange e = template.request("paperless:documents?operation=upload", x -> {
                x.getMessage().setBody(content);
                x.getMessage().setHeader(PaperlessConstants.IDEMPOTENCY_KEY, "<mail-118@example.com>/invoice.pdf");
            });
            assertThat(e.getException()).isNull();
        }
        assertThat(uploadsSent()).isEqualTo(1);
    }

    /**
     * A worker killed mid-consumption leaves its task started forever: the wait stops as soon as the task is older than
     * taskOrphanedAfter (never waits forever), says so with its age, and the next upload of the file sends it again.
     */
    @Test
    void anOrphanedTaskEndsTheWaitAndTheNextUploadSendsTheFileAgain() throws Exception {
        stubUploadAnswers(UUID);
        stubTask(UUID, "started", null, null); // started 4 s ago
        stubNoDocumentWithTheContent();
        String uri = "paperless:documents?operation=upload&waitForCompletion=true&waitTimeout=30000&pollInterval=20"
                     + "&taskOrphanedAfter=1000";
        Exchange first = upload(template, uri, CONTENT);
        assertThat(first.getException()).isInstanceOf(PaperlessTaskOrphanedException.class)
                .hasMessageContaining("Task " + UUID + " (scan.txt) is orphaned: it was started ")
                .hasMessageContaining("its worker died or was restarted");
        assertThat(((PaperlessTaskOrphanedException) first.getException()).getAge()).isGreaterThan(java.time.Duration.ofSeconds(3));

        stubUploadAnswers(UUID2);
        stubTask(UUID2, "success", "{\"document_id\":43}", "[43]");
        stubDocument(43);
        Exchange second = upload(template, uri, CONTENT);
        assertThat(second.getException()).isNull();
        assertThat(second.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME)).isEqualTo("uploaded");
        assertThat(uploadsSent()).isEqualTo(2);
    }

    /**
     * A queued task overtaken by a file queued after it (redis lost its queue) is orphaned too — only after
     * taskOrphanedAfter: what a dead worker had taken comes back to the queue after Celery's one-hour visibility timeout.
     */
    @Test
    void aQueuedTaskThatALaterFileOvertookIsOrphanedAfterTaskOrphanedAfter() throws Exception {
        stubUploadAnswers(UUID);
        Instant now = Instant.now();
        String pending = TaskFixtures.v10(30, UUID, "pending", null, "[]").replace("invoice.pdf", "scan.txt")
                .replaceFirst("\"date_created\":\"[^\"]+\"", "\"date_created\":\"" + now.minusSeconds(90) + "\"");
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(UUID))
                .willReturn(okJson(TaskFixtures.page(pending))));
        String later = TaskFixtures.v10(31, UUID2, "success", "{\"document_id\":9}", "[9]")
                .replaceFirst("\"date_created\":\"[^\"]+\"", "\"date_created\":\"" + now.minusSeconds(60) + "\"")
                .replaceFirst("\"date_done\":\"[^\"]+\"", "\"date_done\":\"" + now.minusSeconds(45) + "\"");
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("is_complete", equalTo("true"))
                .withQueryParam("ordering", equalTo("date_done")).withQueryParam("date_created_after", matching(".+"))
                .willReturn(okJson(TaskFixtures.page(later))));
        Exchange e = upload(template, "paperless:documents?operation=upload&waitForCompletion=true&waitTimeout=30000"
                                      + "&pollInterval=20&taskOrphanedAfter=60000", CONTENT);
        assertThat(e.getException()).isInstanceOf(PaperlessTaskOrphanedException.class)
                .hasMessageContaining("still pending, longer than taskOrphanedAfter (60 s), while invoice.pdf, queued after it, was consumed")
                .hasMessageContaining("its place in Paperless' queue was lost");
    }

    /**
     * Paperless 2.x under a paused web server: the first attempt reached the server although the client saw a timeout,
     * the second copy's task fails as a duplicate of the first's document — that document is this upload's.
     */
    @Test
    void aDuplicateOfWhatAnEarlierAttemptStoredIsThisUploadsDocument() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("again"));
        wm.stubFor(post(urlPathEqualTo("/api/documents/post_document/")).inScenario("p").whenScenarioStateIs("again")
                .willReturn(okJson("\"" + UUID2 + "\"")));
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("name", equalTo("scan.txt"))
                .willReturn(okJson(TaskFixtures.page())));
        stubTask(UUID2, "failure", "{\"duplicate_of\":44,\"duplicate_in_trash\":false}", "[44]");
        stubDocument(44);
        Exchange e = upload(template, "paperless:documents?operation=upload&waitForCompletion=true&pollInterval=20", CONTENT);
        assertThat(e.getException()).isNull();
        assertThat(e.getMessage().getHeader(PaperlessConstants.DUPLICATE_OF)).isEqualTo(44);
        assertThat(e.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(44);
        assertThat(uploadsSent()).isEqualTo(2);
    }

    /** Without an earlier attempt, a duplicate refused by the server stays a failure (duplicates=allow on 2.x). */
    @Test
    void aDuplicateRefusedForAFirstUploadIsStillAFailure() throws Exception {
        stubUploadAnswers(UUID2);
        stubTask(UUID2, "failure", "{\"duplicate_of\":44,\"duplicate_in_trash\":false}", "[44]");
        Exchange e = upload(template, "paperless:documents?operation=upload&waitForCompletion=true&pollInterval=20",
                "not seen before".getBytes(StandardCharsets.UTF_8));
        assertThat(e.getException()).isInstanceOf(io.github.camelpaperless.client.PaperlessTaskFailedException.class)
                .hasMessageContaining("duplicate of document #44");
    }

    /** The key of the ledger never holds the content, only its checksum and the file name. */
    /**
     * Instances reading one shared drop record their uploads in one ledger value of a shared repository
     * ({@code JdbcStateRepository}): uploads recorded at the same moment by two instances all land (read, change and
     * write are one step of the repository; with Camel's {@code getState}/{@code setState} one instance's entry was
     * lost, and with it the protection against uploading that file again after a crash).
     */
    @Test
    void instancesSharingALedgerLoseNoneOfEachOthersUploads() throws Exception {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:shared-ledger;DB_CLOSE_DELAY=-1");
        List<io.github.camelpaperless.client.UploadLedger> ledgers = new ArrayList<>();
        List<CamelContext> others = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            CamelContext c = new DefaultCamelContext();
            c.getRegistry().bind("uploads", new io.github.camelpaperless.consumer.JdbcStateRepository(ds));
            PaperlessComponent pc = new PaperlessComponent();
            pc.getConfiguration().setBaseUrl(wm.baseUrl());
            pc.getConfiguration().setToken("t");
            c.addComponent("paperless", pc);
            c.start();
            others.add(c);
            PaperlessEndpoint ep = c.getEndpoint("paperless:documents?operation=upload&uploadStateRepository=#uploads",
                    PaperlessEndpoint.class);
            ledgers.add(pc.uploadLedger(ep.getConfiguration(), ep.getClient()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                io.github.camelpaperless.client.UploadLedger ledger = ledgers.get(t % 2);
                String node = "n" + t;
                sent.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        ledger.sending(node + "-" + i, node + "-" + i + ".pdf", Instant.now());
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
            assertThat(ledgers.get(0).size()).isEqualTo(40);
            assertThat(ledgers.get(1).find("n0-9")).isNotNull();
            assertThat(ledgers.get(0).find("n1-9")).isNotNull();
        } finally {
            pool.shutdownNow();
            for (CamelContext c : others) {
                c.stop();
            }
        }
    }

    @Test
    void theLedgerKeyIsTheChecksumAndTheName() {
        String key = io.github.camelpaperless.client.UploadLedger.keyOf(Checksums.of(CONTENT), "scan.txt", null);
        assertThat(key).isEqualTo("sha256:" + Checksums.of(CONTENT).sha256() + ":scan.txt");
        assertThat(io.github.camelpaperless.client.UploadLedger.keyOf(Checksums.of(CONTENT), "scan.txt", "k1")).isEqualTo("key:k1");
    }
}
