package io.github.camelpaperless.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;

import io.github.camelpaperless.client.PaperlessTaskOrphanedException;
import io.github.camelpaperless.client.PaperlessTaskTimeoutException;
import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, scenarios 1 and 2 on both real servers: Paperless' Celery worker stalled longer than the route waits, and
 * killed in the middle of a consumption (fault.sh worker-pause / worker-kill).
 */
class FaultWorkerIT {

    static Path dropDir(RealServer s, String what) throws Exception {
        Files.createDirectories(Path.of("target", "faults"));
        return Files.createTempDirectory(Path.of("target", "faults"), s.displayName() + "-" + what + "-");
    }

    /**
     * A file-drop route uploading with waitForCompletion and Camel redelivery (what a user writes) while the worker is
     * stalled longer than waitTimeout: no wait that timed out leads to a second upload of the same bytes; each file
     * ends as exactly one document; the route sees "still queued: task …" (or "still running" for the file the worker
     * held when it was paused) for the waits that timed out.
     */
    @Test
    void workerStalledLongerThanTheWait() throws Exception {
        RealServers.onEachAtOnce(this::workerStalledLongerThanTheWait);
    }

    private void workerStalledLongerThanTheWait(RealServer s) throws Exception {
        s.requireFaults();
        FaultTally tally = new FaultTally("1 worker stalled (30 files, waitTimeout 3 s, 2 redeliveries)", s);
        for (int i = 1; i <= 30; i++) {
            tally.newTextFile(i);
        }
        Path drop = dropDir(s, "stall");
        CamelContext ctx = s.camel();
        tally.fileDropRoute(ctx, drop, 8, 2, "&waitTimeout=3000");
        s.fault("worker-pause");
        tally.writeAll(drop);
        // the stall outlasts the route's waits: at least one exchange gave up after its redeliveries
        Await.until(Duration.ofMinutes(2), "a wait that timed out after its redeliveries", () -> !tally.failures().isEmpty());
        tally.note("uploads queued while stalled: " + s.client().tasks().list(Query.create(), 0).stream()
                .filter(t -> t.fileName() != null && t.fileName().startsWith(tally.prefix()) && !t.isTerminal()).count());
        s.fault("worker-resume");
        tally.awaitSettled(Duration.ofMinutes(4), List.of());
        // every file was seen through by the route (the failed ones picked up again and taken over)
        Await.until(Duration.ofMinutes(2), "every file moved to .done", () -> tally.successes().size() == 30);
        tally.assertNothingLostOrDoubled();
        assertThat(tally.failures().values()).allSatisfy(reasons -> assertThat(reasons).allSatisfy(r -> assertThat(r)
                .startsWith(PaperlessTaskTimeoutException.class.getSimpleName())
                // queued while the worker is stalled; "running" for a file it had started when it was paused
                .containsAnyOf("is still queued", "is still running")
                .contains("the next upload of the same file waits for this task")));
    }

    /**
     * The worker killed while it consumes a file: Paperless leaves the task started forever (both versions); the wait
     * ends when the task is older than taskOrphanedAfter, with its id; driving the file again makes exactly one
     * document.
     */
    @Test
    void workerKilledMidConsumption() throws Exception {
        RealServers.onEachAtOnce(this::workerKilledMidConsumption);
    }

    private void workerKilledMidConsumption(RealServer s) throws Exception {
        s.requireFaults();
        FaultTally tally = new FaultTally("2 worker killed mid-OCR (taskOrphanedAfter 30 s)", s);
        // a page that keeps OCR busy for many seconds: the kill must land while the worker consumes it (the small
        // sample was read in 3-5 s, and once the kill came after the task had finished)
        byte[] unique = io.github.camelpaperless.it.support.Scans.page(tally.prefix() + " " + System.nanoTime(), 30);
        String name = tally.prefix() + "-scan.png";
        tally.put(name, unique);
        CamelContext ctx = s.camel();
        String uri = "paperless:documents?operation=upload&waitForCompletion=true&waitTimeout=120000&taskOrphanedAfter=30000";
        Future<Exchange> first = ctx.createProducerTemplate().asyncSend(uri, e -> {
            e.getMessage().setBody(unique);
            e.getMessage().setHeader(PaperlessConstants.FILE_NAME, name);
        });
        Task running = Await.until(Duration.ofMinutes(1), "the worker consuming " + name, () -> tally.unfinished(List.of())
                .stream().filter(t -> t.status() == io.github.camelpaperless.client.model.TaskStatus.STARTED).findFirst()
                .orElse(null), java.util.Objects::nonNull);
        s.fault("worker-kill");
        s.bringBack(); // a fresh worker
        Exchange e = first.get();
        tally.saw(e);
        assertThat(e.getException()).isInstanceOf(PaperlessTaskOrphanedException.class)
                .hasMessageContaining(running.taskId()).hasMessageContaining("its worker died or was restarted");
        Task after = s.client().tasks().byUuid(running.taskId());
        tally.note("the killed worker's task stays " + after.status().value() + " on " + s.displayName());
        assertThat(after.isTerminal()).as("what Paperless does with the task the killed worker held").isFalse();

        // the file driven again: the orphan does not hold it back; one document
        Exchange again = ctx.createProducerTemplate().send(uri, x -> {
            x.getMessage().setBody(unique);
            x.getMessage().setHeader(PaperlessConstants.FILE_NAME, name);
        });
        tally.saw(again);
        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(PaperlessConstants.UPLOAD_OUTCOME)).isEqualTo("uploaded");
        tally.awaitSettled(Duration.ofMinutes(2), List.of(running.taskId()));
        tally.assertNothingLostOrDoubled();
    }
}
