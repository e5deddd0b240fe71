package io.github.camelpaperless.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.DocumentSelection;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServerTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, scenario 7: Paperless-ngx 2.20.15 on SQLite under load — 8 uploads at once, 200 files, while bulk edits run
 * on the documents already stored (the worker's writes and the edits meet SQLite's single writer: "database is
 * locked", Paperless' #10250). Exactly 200 documents; every bulk edit applied.
 */
class FaultLoadIT {

    @RealServerTest
    void eightConcurrentUploadsOf200FilesWithBulkEditsOnSqlite(RealServer s) throws Exception {
        Assumptions.assumeFalse(s.isV3(), "scenario 7 is the SQLite load of Paperless-ngx 2.20.15 (3.0.5 runs the others)");
        FaultTally tally = new FaultTally("7 SQLite under load: 8 concurrent uploads of 200 files, bulk edits running", s);
        for (int i = 1; i <= 200; i++) {
            tally.newTextFile(i);
        }
        JsonNode tag = s.create("tags", "load");
        Path drop = FaultWorkerIT.dropDir(s, "load");
        CamelContext ctx = s.camel();
        tally.fileDropRoute(ctx, drop, 8, 0, "&waitTimeout=300000");
        // bulk edits meanwhile: each time 10 more documents are stored, tag (then untag) the 20 stored last — a steady
        // rate; every edit also queues an index update of those documents in Paperless' worker, between the consumptions
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger edits = new AtomicInteger();
        List<String> editFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread editor = new Thread(() -> {
            int edited = 0;
            while (running.get()) {
                List<Integer> ids = tally.documentIdsSeen();
                if (ids.size() < edited + 10) {
                    try {
                        Thread.sleep(100); // the next check of the route's progress
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                edited = ids.size();
                java.util.Collections.sort(ids);
                List<Integer> last = ids.subList(Math.max(0, ids.size() - 20), ids.size());
                try {
                    s.client().documents().bulkEdit(DocumentSelection.of(last), edits.get() % 2 == 0 ? "add_tag" : "remove_tag",
                            Map.of("tag", tag.path("id").asInt()));
                    edits.incrementAndGet();
                } catch (RuntimeException e) {
                    editFailures.add(e.getMessage());
                }
            }
        }, "bulk-editor");
        tally.writeAll(drop);
        editor.start();
        try {
            Await.until(Duration.ofMinutes(12), "every file seen through by the route", () -> tally.successes().size() == 200);
            tally.awaitSettled(Duration.ofMinutes(2), List.of());
        } finally {
            running.set(false);
            editor.join();
        }
        tally.note(edits.get() + " bulk edits applied during the run, " + editFailures.size() + " failed");
        tally.assertNothingLostOrDoubled();
        assertThat(tally.failures()).isEmpty();
        assertThat(edits.get()).as("bulk edits ran during the uploads").isGreaterThanOrEqualTo(10);
        assertThat(editFailures).as("bulk edits that failed (set-like edits are re-sent after 'database is locked')").isEmpty();
    }
}
