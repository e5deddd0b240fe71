package io.github.camelpaperless.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelpaperless.client.UploadRequest;
import io.github.camelpaperless.client.UploadSource;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.consumer.SharedFileStateRepository;
import io.github.camelpaperless.it.support.Await;
import io.github.camelpaperless.it.support.FaultTally;
import io.github.camelpaperless.it.support.RealServer;
import io.github.camelpaperless.it.support.RealServers;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, scenario 6 on both real servers: the push consumer when the application is down while documents are added,
 * when Paperless' worker (which sends the webhooks) is stalled, with a route slower than Paperless' 5 s webhook timeout
 * and with a route that fails. Each document is emitted once; the recovery paths are measured. "Once" is checked with a
 * sentinel document added last: calls are emitted in the order they come, so what would come again comes before it.
 */
class FaultPushIT {

    /** One consumer application: its Camel context, HTTP server port and what its route saw. */
    private static final class App {
        final CamelContext ctx;
        final List<Integer> emitted = new CopyOnWriteArrayList<>();
        final Map<Integer, Long> firstSeenNanos = new ConcurrentHashMap<>();
        final List<String> sources = new CopyOnWriteArrayList<>();

        App(CamelContext ctx) {
            this.ctx = ctx;
        }

        long count(int id) {
            return emitted.stream().filter(i -> i == id).count();
        }
    }

    private static App app(RealServer s, int port, String options, Path state, long workMillis, AtomicInteger failFirst)
            throws Exception {
        CamelContext ctx = s.camel(pc -> {
        });
        if (state != null) {
            ctx.getRegistry().bind("pushState", new SharedFileStateRepository(state));
        }
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        conf.setBindPort(port);
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        ctx.addService(server);
        App app = new App(ctx);
        Map<Integer, AtomicInteger> failures = new ConcurrentHashMap<>();
        ctx.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?push=true&webhookExternalUrl=http://127.0.0.1:" + port + options
                     + (state != null ? "&stateRepository=#pushState" : ""))
                        .process(e -> {
                            int id = e.getMessage().getHeader(PaperlessConstants.ID, Integer.class);
                            app.firstSeenNanos.putIfAbsent(id, System.nanoTime());
                            if (failFirst != null && failures.computeIfAbsent(id, k -> new AtomicInteger())
                                    .incrementAndGet() <= failFirst.get()) {
                                throw new IllegalStateException("downstream system unavailable");
                            }
                            Thread.sleep(workMillis);
                            app.emitted.add(id);
                            app.sources.add(e.getMessage().getHeader(PaperlessConstants.EVENT_SOURCE, String.class));
                        });
            }
        });
        return app;
    }

    private static String scope(RealServer s, JsonNode tag, String workflow) {
        s.cleanup(() -> {
            JsonNode page = s.get("workflows/", io.github.camelpaperless.client.Query.create().set("page_size", 100000));
            page.path("results").forEach(w -> {
                if (w.path("name").asText().startsWith(workflow)) {
                    s.send("DELETE", "workflows/" + w.path("id").asInt(), null);
                }
            });
        });
        return "&workflowName=" + workflow + "&filter.tags__id__all=" + tag.path("id").asInt();
    }

    private static int add(RealServer s, FaultTally tally, JsonNode tag, int n, boolean wait) {
        String name = tally.newTextFile(n);
        UploadRequest r = new UploadRequest(UploadSource.of(tally.content(name))).fileName(name)
                .tags(List.of(tag.path("id").asInt()));
        if (wait) {
            return s.upload(r);
        }
        s.client().documents().upload(r, false);
        return -1;
    }

    /** The sentinel is emitted: every call that came before it was dealt with. */
    private static void sentinel(RealServer s, App app, FaultTally tally, JsonNode tag) {
        int id = add(s, tally, tag, 999, true);
        Await.until(Duration.ofMinutes(1), "the sentinel document pushed", () -> app.count(id) == 1);
    }

    private static void assertOnce(App app, List<Integer> ids) {
        for (int id : ids) {
            assertThat(app.count(id)).as("emissions of document " + id).isEqualTo(1);
        }
    }

    /** Documents added while the application is down: exactly those, once, when it is back (persistent state). */
    @Test
    void applicationDownWhileDocumentsAreAdded() throws Exception {
        RealServers.onEachAtOnce(this::applicationDownWhileDocumentsAreAdded);
    }

    private void applicationDownWhileDocumentsAreAdded(RealServer s) throws Exception {
        FaultTally tally = new FaultTally("6a push: application down while 10 documents are added", s);
        JsonNode tag = s.create("tags", "push-down");
        String options = "&catchUpDelay=1h" + scope(s, tag, s.unique("wf-down"));
        Files.createDirectories(Path.of("target", "faults"));
        Path state = Files.createTempDirectory(Path.of("target", "faults"), s.displayName() + "-push-").resolve("state.properties");
        int port = org.apache.camel.test.AvailablePortFinder.getNextAvailable();
        App first = app(s, port, options, state, 0, null);
        Await.until(Duration.ofSeconds(30), "the first application's position stored", () -> Files.exists(state));
        first.ctx.stop();
        List<Integer> added = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            added.add(add(s, tally, tag, i, true));
        }
        long back = System.nanoTime();
        App second = app(s, port, options, state, 0, null);
        Await.until(Duration.ofMinutes(1), "the 10 documents caught up", () -> added.stream().allMatch(id -> second.count(id) >= 1));
        tally.note("caught up " + Duration.ofNanos(System.nanoTime() - back).toMillis() + " ms after the start");
        sentinel(s, second, tally, tag);
        assertOnce(second, added);
        tally.assertNothingLostOrDoubled();
    }

    /** Paperless' worker stalled while the application is up: when it resumes, every document is pushed once. */
    @Test
    void workerPausedWhileTheApplicationIsUp() throws Exception {
        RealServers.onEachAtOnce(this::workerPausedWhileTheApplicationIsUp);
    }

    private void workerPausedWhileTheApplicationIsUp(RealServer s) throws Exception {
        s.requireFaults();
        FaultTally tally = new FaultTally("6b push: worker paused while 5 documents are uploaded", s);
        JsonNode tag = s.create("tags", "push-stall");
        App app = app(s, org.apache.camel.test.AvailablePortFinder.getNextAvailable(), "&catchUpDelay=1h"
                                                                                       + scope(s, tag, s.unique("wf-stall")), null, 0, null);
        s.fault("worker-pause");
        for (int i = 1; i <= 5; i++) {
            add(s, tally, tag, i, false);
        }
        s.fault("worker-resume");
        tally.awaitSettled(Duration.ofMinutes(2), List.of());
        List<Integer> ids = new ArrayList<>();
        tally.countDocuments().values().forEach(ids::addAll);
        Await.until(Duration.ofMinutes(1), "the 5 documents pushed", () -> ids.stream().allMatch(id -> app.count(id) >= 1));
        sentinel(s, app, tally, tag);
        assertOnce(app, ids);
        tally.note("emitted by " + app.sources.stream().collect(java.util.stream.Collectors.groupingBy(x -> x,
                java.util.TreeMap::new, java.util.stream.Collectors.counting())) + " (the catch-up at start may come first)");
        tally.assertNothingLostOrDoubled();
    }

    /**
     * A route slower than Paperless' 5 s webhook timeout (6 s per document), and a route that fails: acknowledged at
     * once, emitted once; a failed exchange is emitted again by the consumer itself within seconds, one that keeps
     * failing by the catch-up poll.
     */
    @Test
    void slowAndFailingRoutes() throws Exception {
        RealServers.onEachAtOnce(this::slowAndFailingRoutes);
    }

    private void slowAndFailingRoutes(RealServer s) throws Exception {
        FaultTally tally = new FaultTally("6c push: a route slower than 5 s, a route that fails", s);
        JsonNode tag = s.create("tags", "push-slow");
        App slow = app(s, org.apache.camel.test.AvailablePortFinder.getNextAvailable(), "&catchUpDelay=1h"
                                                                                        + scope(s, tag, s.unique("wf-slow")), null, 6000, null);
        List<Integer> slowIds = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            slowIds.add(add(s, tally, tag, i, true));
        }
        Await.until(Duration.ofMinutes(2), "the 3 slow documents emitted", () -> slowIds.stream().allMatch(id -> slow.count(id) >= 1));
        sentinel(s, slow, tally, tag);
        assertOnce(slow, slowIds);
        slow.ctx.stop();

        // fails twice per document: emitted again by the consumer (after 1 s, then 2 s), no call from Paperless needed
        JsonNode tag2 = s.create("tags", "push-fail");
        AtomicInteger failFirst = new AtomicInteger(2);
        App failing = app(s, org.apache.camel.test.AvailablePortFinder.getNextAvailable(), "&catchUpDelay=10000"
                                                                                           + scope(s, tag2, s.unique("wf-fail")), null, 0, failFirst);
        int recovered = add(s, tally, tag2, 11, true);
        long t0 = System.nanoTime();
        Await.until(Duration.ofMinutes(1), "the failed document emitted again", () -> failing.count(recovered) == 1);
        tally.note("failed twice, emitted by the consumer's own retry "
                   + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms after its consumption");
        // fails 5 times: more than the consumer's retries; the catch-up poll (every 10 s here) emits it
        failFirst.set(5);
        int caughtUp = add(s, tally, tag2, 12, true);
        long t1 = System.nanoTime();
        Await.until(Duration.ofMinutes(2), "the document the route kept failing emitted by the catch-up poll",
                () -> failing.count(caughtUp) == 1);
        tally.note("failed 5 times, emitted by the catch-up poll " + Duration.ofNanos(System.nanoTime() - t1).toSeconds()
                   + " s after its consumption (catchUpDelay 10 s)");
        failFirst.set(0);
        sentinel(s, failing, tally, tag2);
        assertOnce(failing, List.of(recovered, caughtUp));
        tally.assertNothingLostOrDoubled();
    }
}
