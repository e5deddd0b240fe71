package io.github.camelpaperless.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.PaperlessTestSupport;
import io.github.camelpaperless.support.Wait;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.github.camelpaperless.support.FakeStore.addDocument;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Push replicas: several {@code paperless:documents?push=true} consumers behind one webhook URL sharing one position
 * (here three routes, each its own replica, on a {@link SharedFileStateRepository}): each document emitted once
 * whichever replica a call reaches and however often Paperless calls, one catch-up poll at a time, the workflow deleted
 * by the last replica to stop only.
 */
class PushReplicasTest extends PaperlessTestSupport {

    @TempDir
    Path dir;
    SharedFileStateRepository shared;
    VertxPlatformHttpServer server;
    /** Per replica (route id): what it emitted. */
    final Map<String, List<Exchange>> emitted = new java.util.concurrent.ConcurrentHashMap<>();
    /** While set, the routes wait for it (an exchange in flight). */
    volatile CountDownLatch hold;
    volatile long workMillis;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        server = PushConsumerTest.webhookServer(ctx);
        return ctx;
    }

    @BeforeEach
    void store() throws Exception {
        useFakeStore();
        wm.stubFor(any(urlPathMatching("/api/workflows/(\\d+/)?")).willReturn(aResponse().withTransformers(FakeStore.NAME)));
        shared = new SharedFileStateRepository(Files.createDirectories(dir).resolve("positions.properties"));
        context.getRegistry().bind("shared", shared);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getPort() + path;
    }

    /** A replica: its own path (the proxy in front picks one), the shared position, the catch-up triggered by the test. */
    PaperlessDocumentConsumer replica(String name, String options) throws Exception {
        emitted.put(name, new CopyOnWriteArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?push=true&startScheduler=false&stateRepository=#shared&stateKey=inbox"
                     + "&startFrom=beginning&catchUpDelay=60000&webhookSecret=s3cret&webhookExternalUrl=" + url("")
                     + "&webhookPath=/" + name + options).routeId(name)
                        .process(e -> {
                            CountDownLatch h = hold;
                            if (h != null) {
                                h.await(10, TimeUnit.SECONDS);
                            }
                            if (workMillis > 0) {
                                Thread.sleep(workMillis);
                            }
                            emitted.get(name).add(e.copy());
                        });
            }
        });
        return (PaperlessDocumentConsumer) context.getRoute(name).getConsumer();
    }

    static int call(String url, int docId) throws Exception {
        String body = "{\"event\":\"added\",\"doc_url\":\"http://paperless.local:8000/documents/" + docId
                      + "/\",\"doc_id\":\"" + docId + "\"}";
        return PushConsumerTest.send(url, body, "s3cret").statusCode();
    }

    List<Exchange> all() {
        return emitted.values().stream().flatMap(List::stream).toList();
    }

    Map<Integer, Long> perDocument() {
        return all().stream().collect(Collectors.groupingBy(e -> e.getMessage().getHeader(PaperlessConstants.ID, Integer.class),
                Collectors.counting()));
    }

    /** Lists of the documents to emit (a catch-up poll); pushed look-ups ask with id__in. */
    int catchUpListings() {
        return wm.findAll(getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("ordering", equalTo("added,id")))
                .size();
    }

    @Test
    void eachDocumentIsEmittedOnceWhicheverReplicaACallReachesAndHoweverOftenPaperlessCalls() throws Exception {
        List<PaperlessDocumentConsumer> replicas = List.of(replica("r1", ""), replica("r2", ""), replica("r3", ""));
        workMillis = 20; // calls for one document reach two replicas while the first still emits it
        for (int id = 1; id <= 30; id++) {
            addDocument(id, "2026-11-20T10:" + String.format("%02d", id) + ":00Z");
        }
        ExecutorService paperless = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int id = 1; id <= 30; id++) {
                int doc = id;
                String first = "/r" + (1 + id % 3);
                answers.add(paperless.submit(() -> call(url(first), doc)));
                if (id % 2 == 0) {
                    // Paperless calls again (its worker retried after a slow answer): round robin, another replica
                    String again = "/r" + (1 + (id + 1) % 3);
                    answers.add(paperless.submit(() -> call(url(again), doc)));
                }
            }
            for (Future<Integer> f : answers) {
                assertThat(f.get()).isEqualTo(202);
            }
        } finally {
            paperless.shutdown();
        }
        Wait.until(Duration.ofSeconds(20), () -> perDocument().size() == 30, "every document emitted");
        replicas.forEach(PushConsumerTest::idle);
        // then each replica's catch-up tick: one lists, and finds nothing left
        int listings = catchUpListings();
        for (PaperlessDocumentConsumer r : replicas) {
            assertThat(r.poll()).isZero();
        }
        assertThat(catchUpListings() - listings).as("one catch-up poll for three replicas").isEqualTo(1);
        assertThat(perDocument()).hasSize(30).allSatisfy((id, n) -> assertThat(n).as("emissions of " + id).isEqualTo(1));
        assertThat(all()).allSatisfy(e -> assertThat(e.getMessage().getHeader(PaperlessConstants.REDELIVERED)).isEqualTo(false));
        assertThat(emitted.values()).as("the calls spread over the replicas").allSatisfy(l -> assertThat(l).isNotEmpty());
        ConsumerPosition p = replicas.get(0).position();
        for (int id = 1; id <= 30; id++) {
            assertThat(p.isInFlight(id)).isFalse();
            assertThat(p.claimOwner(id)).isNull();
        }
    }

    @Test
    void theCatchUpLeavesADocumentAnotherReplicaIsEmittingAndTakesItOverWhenThatOneIsGone() throws Exception {
        PaperlessDocumentConsumer r1 = replica("r1", "");
        PaperlessDocumentConsumer r2 = replica("r2", "");
        assertThat(r2.poll()).isZero(); // r2 runs the catch-up polls from now on
        addDocument(1, "2026-11-20T10:01:00Z");
        addDocument(2, "2026-11-20T10:02:00Z");
        hold = new CountDownLatch(1);
        assertThat(call(url("/r1"), 1)).isEqualTo(202); // r1 emits 1 and its route takes its time
        Wait.until(Duration.ofSeconds(10), () -> "r1".equals(owner(r1.position().claimOwner(1))), "r1 claiming 1");
        // the catch-up on r2 lists 1 and 2: leaves 1 to r1, and does not move the position over it
        assertThat(r2.poll()).isZero();
        assertThat(r2.position().watermark()).isNull();
        hold.countDown();
        hold = null;
        PushConsumerTest.idle(r1);
        assertThat(r2.poll()).isEqualTo(1); // 2: nobody called for it
        assertThat(perDocument()).containsEntry(1, 1L).containsEntry(2, 1L);
        assertThat(emitted.get("r1")).hasSize(1);
        assertThat(emitted.get("r2")).extracting(e -> e.getMessage().getHeader(PaperlessConstants.ID)).containsExactly(2);

        // a replica killed with 3 in flight left its claim: the catch-up leaves it while the claim is younger than
        // catchUpDelay, then emits it, marked redelivered
        addDocument(3, "2026-11-20T10:03:00Z");
        claimAs("ctx/gone on 999999@elsewhere", 3, "2026-11-20T10:03:00Z", System.currentTimeMillis() - 1_000);
        assertThat(r2.poll()).isZero();
        claimAs("ctx/gone on 999999@elsewhere", 3, "2026-11-20T10:03:00Z", System.currentTimeMillis() - 61_000);
        assertThat(r2.poll()).isEqualTo(1);
        Exchange again = emitted.get("r2").get(1);
        assertThat(again.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(3);
        assertThat(again.getMessage().getHeader(PaperlessConstants.REDELIVERED)).isEqualTo(true);
        assertThat(r2.poll()).isZero();
    }

    /** The route id part of a claim's owner ({@code <context>/<route> on <pid>@<host>}). */
    static String owner(String claimOwner) {
        return claimOwner == null ? null : claimOwner.substring(claimOwner.indexOf('/') + 1, claimOwner.indexOf(' '));
    }

    /** Writes a claim of another instance into the shared position, as a replica that emitted {@code id} left it. */
    void claimAs(String owner, int id, String added, long at) {
        ConsumerPosition p = ConsumerPosition.decode(shared.getState("inbox"));
        p.releaseClaims(o -> true);
        p.claim(id, ConsumerPosition.key(id, OffsetDateTime.parse(added)), owner, at, Duration.ZERO);
        shared.setState("inbox", p.encode());
    }

    @Test
    void aRestartedReplicaTakesItsEarlierRunsClaimsAndCatchUpTurnAtOnce() throws Exception {
        PaperlessDocumentConsumer r1 = replica("r1", "");
        String me = r1.holderId();
        String earlier = me.replaceFirst(" on \\d+@", " on 999999@");
        context.getRouteController().stopRoute("r1");
        // the earlier run crashed: it held the catch-up turn and was emitting 4
        addDocument(4, "2026-11-20T10:04:00Z");
        PushReplicas crashed = new PushReplicas(shared, "inbox", earlier, Duration.ofMinutes(1), System::currentTimeMillis);
        crashed.join();
        assertThat(crashed.catchUpTurn()).isTrue();
        claimAs(earlier, 4, "2026-11-20T10:04:00Z", System.currentTimeMillis());
        context.getRouteController().startRoute("r1");
        PaperlessDocumentConsumer again = (PaperlessDocumentConsumer) context.getRoute("r1").getConsumer();
        assertThat(again.poll()).isEqualTo(1);
        assertThat(emitted.get("r1")).singleElement().satisfies(e -> {
            assertThat(e.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(4);
            assertThat(e.getMessage().getHeader(PaperlessConstants.REDELIVERED)).isEqualTo(true);
        });
    }

    /** A sibling on this host with the same context and route, alive, is not an earlier run to forget. */
    @Test
    void onlyADeadProcessIsAnEarlierRun() {
        String alive = "ctx/r on " + ProcessHandle.current().pid() + "@host";
        assertThat(PushReplicas.earlierRunOf(alive, "ctx/r on 999999@host")).isFalse();
        assertThat(PushReplicas.earlierRunOf("ctx/r on 999999@host", alive)).isTrue();
        assertThat(PushReplicas.earlierRunOf("ctx/r on 999999@other", alive)).isFalse();
        assertThat(PushReplicas.earlierRunOf("ctx/other on 999999@host", alive)).isFalse();
    }

    @Test
    void theCatchUpTurnStaysWithOneLiveReplicaAndPassesOnWhenItLeavesOrDies() {
        AtomicLong now = new AtomicLong(1_000_000);
        Duration delay = Duration.ofSeconds(10);
        PushReplicas a = new PushReplicas(shared, "k", "ctx/r on 1@a", delay, now::get);
        PushReplicas b = new PushReplicas(shared, "k", "ctx/r on 2@b", delay, now::get);
        PushReplicas c = new PushReplicas(shared, "k", "ctx/r on 3@c", delay, now::get);
        a.join();
        b.join();
        c.join();
        assertThat(a.catchUpTurn()).isTrue();
        assertThat(b.catchUpTurn()).isFalse();
        assertThat(c.catchUpTurn()).isFalse();
        now.addAndGet(delay.toMillis());
        assertThat(a.catchUpTurn()).isTrue(); // renewed at each tick
        assertThat(b.catchUpTurn()).isFalse();
        // a leaves (a clean stop): the next replica to tick takes the turn; two others are alive
        assertThat(a.leave()).isEqualTo(2);
        assertThat(c.catchUpTurn()).isTrue();
        assertThat(b.catchUpTurn()).isFalse();
        // c dies: not seen for longer than twice the catch-up interval, its turn passes to b
        now.addAndGet(a.liveFor().toMillis() - 1);
        assertThat(b.catchUpTurn()).isFalse();
        now.addAndGet(2);
        assertThat(b.catchUpTurn()).isTrue();
        assertThat(b.leave()).as("c is not counted any more").isZero();
    }

    @Test
    void deleteWorkflowOnStopIsLeftToTheLastReplicaToStop() throws Exception {
        String options = "&workflowName=shared-inbox&deleteWorkflowOnStop=true";
        replica("r1", options);
        replica("r2", options);
        replica("r3", options);
        assertThat(FakeStore.WORKFLOWS).extracting(w -> w.path("name").asText()).containsExactly("shared-inbox (added)");
        context.getRouteController().stopRoute("r1");
        context.getRouteController().stopRoute("r2");
        assertThat(FakeStore.WORKFLOWS).as("r3 still serves it").hasSize(1);
        wm.verify(0, deleteRequestedFor(urlPathMatching("/api/workflows/.*")));
        context.getRouteController().stopRoute("r3");
        assertThat(FakeStore.WORKFLOWS).isEmpty();
    }
}
