package io.github.camelpaperless.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.camelpaperless.client.Query;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, scenario 4 on both real servers: redis (Paperless' task queue) killed during ingestion and started again.
 * What Paperless does: uploads while redis is down are answered 500 after its own retries (no task recorded); tasks
 * queued and not yet taken by the worker are lost (pending forever; redis keeps no data here); what the worker had
 * taken runs. The component: a 500 is ambiguous, so the upload is sent again only when the server's task list shows
 * nothing of it; a lost task is orphaned once files queued after it were consumed and it is older than
 * taskOrphanedAfter (20 s here; the default 65 min covers Celery's one-hour visibility timeout) — then the file is
 * uploaded again. In the end: one document per file.
 */
class FaultRedisIT {

    private static java.util.concurrent.CyclicBarrier QUEUED;
    private static java.util.concurrent.CyclicBarrier KILLED;

    @Test
    void redisKilledDuringIngestion() throws Exception {
        int servers = Math.max(1, RealServers.get().servers().size());
        QUEUED = new java.util.concurrent.CyclicBarrier(servers);
        KILLED = new java.util.concurrent.CyclicBarrier(servers);
        RealServers.onEachAtOnce(this::redisKilledDuringIngestion);
    }

    private void redisKilledDuringIngestion(RealServer s) throws Exception {
        s.requireFaults();
        FaultTally tally = new FaultTally("4 redis killed during 12 uploads (taskOrphanedAfter 20 s)", s);
        for (int i = 1; i <= 12; i++) {
            tally.newTextFile(i);
        }
        // the server gets a fresh worker afterwards (a worker can stall after losing its broker, Paperless' #6260)
        s.cleanup(() -> {
            s.fault("worker-kill");
            s.bringBack();
        });
        Path drop = FaultWorkerIT.dropDir(s, "redis");
        CamelContext ctx = s.camel();
        tally.fileDropRoute(ctx, drop, 4, 2, "&waitTimeout=15000&taskOrphanedAfter=20000&retryAttempts=6&retryDelay=500&retryMaxDelay=8000");
        // the worker holds back, so that tasks wait in redis when it dies
        s.fault("worker-pause");
        tally.writeAll(drop);
        Await.until(Duration.ofMinutes(2), "6 uploads queued", () -> queued(s, tally) >= 6);
        // one redis serves every server: it is killed once, when each has its uploads queued
        if (QUEUED.await(3, java.util.concurrent.TimeUnit.MINUTES) == 0) {
            s.fault("redis-kill");
        }
        KILLED.await(3, java.util.concurrent.TimeUnit.MINUTES);
        s.fault("worker-resume");
        Thread.sleep(3_000); // redis stays down this long (the fault's length)
        synchronized (FaultRedisIT.class) { // start.sh starts redis again: one start at a time
            s.bringBack();
        }
        tally.awaitSettled(Duration.ofMinutes(5), () -> lost(s, tally));
        Await.until(Duration.ofMinutes(3), "every file moved to .done", () -> tally.successes().size() == 12);
        List<String> orphans = lost(s, tally);
        tally.note("tasks lost with redis (pending forever): " + orphans.size());
        tally.assertNothingLostOrDoubled();
        assertThat(tally.successes()).hasSize(12);
    }

    private static long queued(RealServer s, FaultTally tally) {
        return s.client().tasks().list(Query.create(), 0).stream()
                .filter(t -> t.fileName() != null && t.fileName().startsWith(tally.prefix()) && !t.isTerminal()).count();
    }

    /** The scenario's tasks still pending while a later one finished: lost with redis. */
    private static List<String> lost(RealServer s, FaultTally tally) {
        List<Task> mine = s.client().tasks().list(Query.create(), 0).stream()
                .filter(t -> t.fileName() != null && t.fileName().startsWith(tally.prefix())).toList();
        return mine.stream().filter(t -> !t.isTerminal() && mine.stream().anyMatch(o -> o.isTerminal()
                && o.dateCreated() != null && t.dateCreated() != null && o.dateCreated().isAfter(t.dateCreated())))
                .map(Task::taskId).toList();
    }
}
