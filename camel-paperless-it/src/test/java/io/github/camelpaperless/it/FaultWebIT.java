package io.github.camelpaperless.it;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.Checksums;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, scenario 3 on both real servers: the web server killed (connections reset, then refused until it is
 * started again) or paused (connections open, nothing answers) while 30 files are uploaded, and under a bulk edit and a
 * download. The retry budget is set to outlast a restart (retryAttempts=6: about 30 s), as docs/reliability.md tells
 * users to.
 */
class FaultWebIT {

    /** Uploads ride over a restart: 6 retries from 500 ms doubling (about 30 s in all). */
    static final String RIDE_OVER = "&retryAttempts=6&retryDelay=500&retryMaxDelay=8000";

    private static CamelContext ingest(RealServer s, FaultTally tally, Path drop, String options) throws Exception {
        CamelContext ctx = s.camel();
        tally.fileDropRoute(ctx, drop, 8, 0, "&waitTimeout=120000" + options);
        return ctx;
    }

    /** How many of the scenario's files the server has accepted (tasks of any status). */
    private static long accepted(RealServer s, FaultTally tally) {
        return s.client().tasks().list(Query.create(), 0).stream()
                .filter(t -> t.fileName() != null && t.fileName().startsWith(tally.prefix())).count();
    }

    @Test
    void webServerKilledDuringUploads() throws Exception {
        RealServers.onEachAtOnce(this::webServerKilledDuringUploads);
    }

    private void webServerKilledDuringUploads(RealServer s) throws Exception {
        s.requireFaults();
        FaultTally tally = new FaultTally("3a web server killed during 30 uploads", s);
        for (int i = 1; i <= 30; i++) {
            tally.newTextFile(i);
        }
        Path drop = FaultWorkerIT.dropDir(s, "webkill");
        ingest(s, tally, drop, RIDE_OVER);
        tally.writeAll(drop);
        Await.until(Duration.ofMinutes(2), "10 uploads accepted", () -> accepted(s, tally) >= 10);
        s.fault("web-kill");
        long down = System.nanoTime();
        s.bringBack();
        tally.note("web server down " + Duration.ofNanos(System.nanoTime() - down).toSeconds() + " s");
        tally.awaitSettled(Duration.ofMinutes(4), List.of());
        Await.until(Duration.ofMinutes(2), "every file moved to .done", () -> tally.successes().size() == 30);
        tally.assertNothingLostOrDoubled();
        assertThat(tally.failures()).as("nothing failed: the retry budget outlasts the restart").isEmpty();
    }

    @Test
    void webServerPausedDuringUploads() throws Exception {
        RealServers.onEachAtOnce(this::webServerPausedDuringUploads);
    }

    private void webServerPausedDuringUploads(RealServer s) throws Exception {
        s.requireFaults();
        FaultTally tally = new FaultTally("3b web server paused 12 s during 30 uploads (responseTimeout 3 s)", s);
        for (int i = 1; i <= 30; i++) {
            tally.newTextFile(i);
        }
        Path drop = FaultWorkerIT.dropDir(s, "webpause");
        ingest(s, tally, drop, RIDE_OVER + "&responseTimeout=3000");
        tally.writeAll(drop);
        Await.until(Duration.ofMinutes(2), "10 uploads accepted", () -> accepted(s, tally) >= 10);
        s.fault("web-pause");
        Thread.sleep(12_000); // the fault's length (not a wait for a result)
        s.fault("web-resume");
        tally.awaitSettled(Duration.ofMinutes(4), List.of());
        Await.until(Duration.ofMinutes(2), "every file moved to .done", () -> tally.successes().size() == 30);
        tally.assertNothingLostOrDoubled();
        assertThat(tally.failures()).as("nothing failed: the retry budget outlasts the pause").isEmpty();
    }

    /** A bulk edit across a web server restart, and a download across a pause: both complete, nothing partial. */
    @Test
    void bulkEditAndDownloadUnderWebFaults() throws Exception {
        RealServers.onEachAtOnce(this::bulkEditAndDownloadUnderWebFaults);
    }

    private void bulkEditAndDownloadUnderWebFaults(RealServer s) throws Exception {
        s.requireFaults();
        FaultTally tally = new FaultTally("3c bulk edit across a restart, download across a pause", s);
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String name = tally.newTextFile(i);
            ids.add(s.upload(new io.github.camelpaperless.client.UploadRequest(
                    io.github.camelpaperless.client.UploadSource.of(tally.content(name))).fileName(name)));
        }
        JsonNode tag = s.create("tags", "fault-bulk");
        CamelContext ctx = s.camel();
        ProducerTemplate t = ctx.createProducerTemplate();
        s.fault("web-kill");
        Future<Exchange> edit = t.asyncSend("paperless:documents?operation=addTag" + RIDE_OVER, e -> {
            e.getMessage().setHeader(PaperlessConstants.DOCUMENT_IDS, ids);
            e.getMessage().setHeader(PaperlessConstants.TAGS, tag.path("id").asInt());
        });
        s.bringBack();
        Exchange edited = edit.get();
        assertThat(edited.getException()).isNull();
        for (int id : ids) {
            JsonNode d = s.get("documents/" + id);
            assertThat(d.path("tags").toString()).contains(String.valueOf(tag.path("id").asInt()));
        }

        byte[] expected = tally.content(tally.fileNames().get(0));
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:download").to("paperless:documents?operation=download&original=true&responseTimeout=3000" + RIDE_OVER)
                        .process(e -> {
                            try (InputStream in = e.getMessage().getBody(InputStream.class)) {
                                e.getMessage().setBody(in.readAllBytes());
                            }
                        });
            }
        });
        s.fault("web-pause");
        Future<Exchange> download = t.asyncSend("direct:download", e -> e.getMessage().setHeader(PaperlessConstants.ID, ids.get(0)));
        Thread.sleep(8_000); // the fault's length
        s.fault("web-resume");
        Exchange downloaded = download.get();
        assertThat(downloaded.getException()).isNull();
        byte[] got = downloaded.getMessage().getBody(byte[].class);
        assertThat(Checksums.of(got).sha256()).isEqualTo(Checksums.of(expected).sha256());
        tally.note("bulk edit and download completed: " + Map.of("tagged", ids.size(), "bytes", got.length));
        tally.assertNothingLostOrDoubled();
    }
}
