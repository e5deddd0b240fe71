package io.github.camelpaperless.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.camelpaperless.client.model.Task;
import io.github.camelpaperless.client.model.TaskStatus;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.OpenApiConformance;
import io.github.camelpaperless.support.TaskFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One look at the task list for every wait of a client ({@link TaskWatcher}), against WireMock in the shapes of
 * Paperless-ngx 3.0.5 (API 10) and 2.20.15 (API 9): what each look asks, that each waiter gets its own row, and the
 * faults (a row missing, a task orphaned, a look failing, a stalled worker, a listing refused or too big).
 */
class TaskWatcherTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final Duration ORPHANED_AFTER = Duration.ofMinutes(65);

    /** The captured schema is 3.0.5's: 2.20.15's task filters ({@code task_name}, read in its source) are not in it. */
    private boolean threeX = true;

    @AfterEach
    void conformance() {
        if (threeX) {
            OpenApiConformance.check(wm.getAllServeEvents());
        }
    }

    static String uuid(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    /** A client of a server of this version; API 10 on 3.0.5, API 9 on 2.20.15. */
    PaperlessClient client(String serverVersion, int retries) {
        threeX = serverVersion.startsWith("3");
        int api = serverVersion.startsWith("3") ? 10 : 9;
        wm.stubFor(get(urlPathEqualTo("/api/ui_settings/")).willReturn(okJson(Fixtures.json("ui_settings"))
                .withHeader("X-Api-Version", Integer.toString(api)).withHeader("X-Version", serverVersion)));
        return new PaperlessClient(PaperlessClientConfig.builder(wm.baseUrl()).token("tok-watcher")
                .apiVersion(api == 10 ? ApiVersion.V10 : ApiVersion.V9).retryPolicy(new RetryPolicy(retries, Duration.ofMillis(5), Duration.ofMillis(20))).build());
    }

    static String v10Listing(int n, String status) {
        String[] rows = new String[n];
        for (int i = 0; i < n; i++) {
            rows[i] = TaskFixtures.v10(100 + i, uuid(i), status, status.equals("success") ? "{\"document_id\":" + (500 + i) + "}" : null,
                    status.equals("success") ? "[" + (500 + i) + "]" : null);
        }
        return TaskFixtures.page(rows);
    }

    static String v9Array(int from, int to, String status) {
        List<String> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(TaskFixtures.v9(100 + i, uuid(i), status, status.equals("SUCCESS") ? "Success. New document id " + (500 + i) + " created" : null,
                    status.equals("SUCCESS") ? 500 + i : null));
        }
        return "[" + String.join(",", rows) + "]";
    }

    /** Runs n waits at once (all registered before the first look is due) and returns their outcomes. */
    static List<Future<Task>> waitAll(PaperlessClient c, int n, Duration poll, Duration max, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Task>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = uuid(i);
            Callable<Task> wait = () -> {
                go.await();
                return c.tasks().waitFor(id, poll, max, timeout, ORPHANED_AFTER);
            };
            out.add(pool.submit(wait));
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static List<ServeEvent> taskRequests() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/api/tasks/")).toList();
    }

    static long withParam(String name) {
        return taskRequests().stream().filter(e -> e.getRequest().queryParameter(name).isPresent()).count();
    }

    @Test
    void eightUploadsWaitingAtOnceShareOneListingPerLookOnApi10() throws Exception {
        try (PaperlessClient c = client("3.0.5", 3)) {
            Instant sent = Instant.parse("2026-12-04T10:00:00Z");
            for (int i = 0; i < 8; i++) {
                c.tasks().expect(uuid(i), sent.plusMillis(i));
            }
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .inScenario("worker").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
                    .willReturn(okJson(v10Listing(8, "started"))));
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .inScenario("worker").whenScenarioStateIs("done").willReturn(okJson(v10Listing(8, "success"))));

            List<Future<Task>> done = waitAll(c, 8, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(20));

            for (int i = 0; i < 8; i++) {
                Task t = done.get(i).get();
                assertThat(t.taskId()).isEqualTo(uuid(i));
                assertThat(t.documentId()).isEqualTo(500 + i); // each wait got its own row
            }
            assertThat(withParam("task_id")).as("no lookup by id").isZero();
            assertThat(taskRequests()).as("one listing per look, two looks").hasSize(2);
            wm.verify(2, getRequestedFor(urlPathEqualTo("/api/tasks/"))
                    .withQueryParam("date_created_after", equalTo(sent.minusSeconds(3).toString()))
                    .withQueryParam("ordering", equalTo("date_created")).withQueryParam("page_size", equalTo("100")));
            assertThat(c.tasks().watcherIdle()).isTrue();
        }
    }

    @Test
    void onTwoTwentyTheListingIsTheUnacknowledgedConsumptionsAndAMissingRowIsLookedUpById() throws Exception {
        try (PaperlessClient c = client("2.20.15", 3)) {
            for (int i = 0; i < 4; i++) {
                c.tasks().expect(uuid(i), Instant.now());
            }
            // task 3 was acknowledged by someone meanwhile: not in the listing, found by its id
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_name", equalTo("consume_file"))
                    .withQueryParam("acknowledged", equalTo("false"))
                    .willReturn(okJson("[" + TaskFixtures.v9(90, uuid(90), "SUCCESS", null, 7) + "," + v9Array(0, 3, "SUCCESS").substring(1))
                            .withHeader("X-Api-Version", "9").withHeader("X-Version", "2.20.15")));
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid(3)))
                    .willReturn(okJson(v9Array(3, 4, "SUCCESS")).withHeader("X-Api-Version", "9").withHeader("X-Version", "2.20.15")));

            List<Future<Task>> done = waitAll(c, 4, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(20));

            for (int i = 0; i < 4; i++) {
                assertThat(done.get(i).get().documentId()).isEqualTo(500 + i);
            }
            assertThat(withParam("task_name")).isEqualTo(1);
            assertThat(withParam("task_id")).isEqualTo(1);
            assertThat(withParam("date_created_after")).as("2.20.15 has no date filter").isZero();
        }
    }

    @Test
    void oneWaiterLooksItsTaskUpByIdAndATaskNotUploadedHereIsLookedAtAtOnce() throws Exception {
        try (PaperlessClient c = client("3.0.5", 3)) {
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid(1)))
                    .willReturn(okJson(v10Listing(2, "success"))));
            Task t = c.tasks().waitFor(uuid(1), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5),
                    ORPHANED_AFTER);
            assertThat(t.documentId()).isEqualTo(501); // the row of its uuid, not the first of the page
            assertThat(taskRequests()).hasSize(1);
            wm.verify(getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", absent()));
        }
    }

    @Test
    void aTaskStartedLongerThanOrphanedAfterEndsItsOwnWaitFromTheListingAlone() throws Exception {
        try (PaperlessClient c = client("3.0.5", 3)) {
            c.tasks().expect(uuid(0), Instant.now());
            c.tasks().expect(uuid(1), Instant.now());
            String stuck = TaskFixtures.v10(100, uuid(0), "started", null, null)
                    .replaceFirst("\"date_started\":\"[^\"]+\"", "\"date_started\":\"" + Instant.now().minusSeconds(7200) + "\"");
            String ok = TaskFixtures.v10(101, uuid(1), "success", "{\"document_id\":501}", "[501]");
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .willReturn(okJson(TaskFixtures.page(stuck, ok))));

            List<Future<Task>> done = waitAll(c, 2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));

            assertThat(done.get(1).get().documentId()).isEqualTo(501);
            assertThatThrownBy(() -> done.get(0).get()).hasCauseInstanceOf(PaperlessTaskOrphanedException.class)
                    .hasMessageContaining("still marked started");
            assertThat(taskRequests()).hasSize(1);
        }
    }

    static String doc(int id) {
        return Fixtures.json("documents").replaceFirst("\\{\"id\": 42,", "{\"id\": " + id + ",");
    }

    /** Three uploads seen finished by one look, then each caller reads its document (as an upload with waiting does). */
    List<Integer> waitAndRead(PaperlessClient c) throws Exception {
        for (int i = 0; i < 3; i++) {
            c.tasks().expect(uuid(i), Instant.now());
        }
        wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                .willReturn(okJson(v10Listing(3, "success"))));
        for (int i = 0; i < 3; i++) {
            wm.stubFor(get(urlPathEqualTo("/api/documents/" + (500 + i) + "/")).willReturn(okJson(doc(500 + i))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> read = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = uuid(i);
            read.add(pool.submit(() -> {
                go.await();
                Task t = c.tasks().waitFor(id, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(20), ORPHANED_AFTER);
                return c.documents().get(t.documentId()).id();
            }));
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<Integer> ids = new ArrayList<>();
        for (Future<Integer> f : read) {
            ids.add(f.get());
        }
        return ids;
    }

    static List<ServeEvent> documentRequests() {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().startsWith("/api/documents/")).toList();
    }

    @Test
    void theDocumentsOfUploadsOneLookSawFinishAreReadWithOneListing() throws Exception {
        try (PaperlessClient c = client("3.0.5", 0)) {
            wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("id__in", matching("50[0-2],50[0-2],50[0-2]"))
                    .willReturn(okJson(Fixtures.page(3, null, null, doc(500), doc(501), doc(502)))));

            assertThat(waitAndRead(c)).containsExactly(500, 501, 502);

            assertThat(documentRequests()).as("one listing instead of three reads").hasSize(1);
            assertThat(documentRequests().get(0).getRequest().queryParameter("page_size").firstValue()).isEqualTo("3");
            // a later read of one of them is a plain read again, not a stale copy
            assertThat(c.documents().get(501).id()).isEqualTo(501);
            assertThat(documentRequests()).hasSize(2);
            assertThat(documentRequests().get(0).getRequest().getUrl()).isEqualTo("/api/documents/501/");
        }
    }

    @Test
    void aDocumentTheListingDidNotBringOrAFailedListingIsReadAlone() throws Exception {
        try (PaperlessClient c = client("3.0.5", 0)) {
            // the listing brings only 500 (501 not visible to this token yet, say) — then, for the second test, fails
            wm.stubFor(get(urlPathEqualTo("/api/documents/")).inScenario("list").whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("failing").willReturn(okJson(Fixtures.page(1, null, null, doc(500)))));
            wm.stubFor(get(urlPathEqualTo("/api/documents/")).inScenario("list").whenScenarioStateIs("failing")
                    .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html").withBody("<h1>Server Error (500)</h1>")));

            assertThat(waitAndRead(c)).containsExactly(500, 501, 502);
            List<String> reads = documentRequests().stream().map(e -> e.getRequest().getUrl()).filter(u -> !u.contains("?"))
                    .toList();
            assertThat(reads).as("the two the listing did not bring, read alone").containsExactlyInAnyOrder(
                    "/api/documents/501/", "/api/documents/502/");

            wm.resetRequests();
            assertThat(waitAndRead(c)).containsExactly(500, 501, 502);
            reads = documentRequests().stream().map(e -> e.getRequest().getUrl()).filter(u -> !u.contains("?")).toList();
            assertThat(reads).as("a failed listing: each reads its own").containsExactlyInAnyOrder(
                    "/api/documents/500/", "/api/documents/501/", "/api/documents/502/");
        }
    }

    @Test
    void aLookTheServerCouldNotAnswerIsNoNewsAndEveryWaitGoesOn() throws Exception {
        try (PaperlessClient c = client("3.0.5", 0)) {
            for (int i = 0; i < 3; i++) {
                c.tasks().expect(uuid(i), Instant.now());
            }
            // a web server restarting behind its proxy: the look past the transport's retries meets a 502
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).inScenario("web").whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("back").willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .inScenario("web").whenScenarioStateIs("back").willReturn(okJson(v10Listing(3, "success"))));

            List<Future<Task>> done = waitAll(c, 3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));

            for (Future<Task> f : done) {
                assertThat(f.get().status()).as("no wait fails: the upload was accepted").isEqualTo(TaskStatus.SUCCESS);
            }
            assertThat(taskRequests()).hasSize(2);
        }
    }

    @Test
    void aWaitThatEndsWhileTheServerCannotAnswerTimesOutSayingWhatTheLastLookMet() throws Exception {
        try (PaperlessClient c = client("3.0.5", 0)) {
            for (int i = 0; i < 2; i++) {
                c.tasks().expect(uuid(i), Instant.now());
            }
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).willReturn(aResponse().withStatus(503)
                    .withHeader("Content-Type", "text/html").withBody("<html>Service Unavailable</html>")));

            List<Future<Task>> done = waitAll(c, 2, Duration.ofMillis(20), Duration.ofMillis(320), Duration.ofMillis(1500));

            for (Future<Task> f : done) {
                assertThatThrownBy(f::get).hasCauseInstanceOf(PaperlessTaskTimeoutException.class)
                        .cause().hasMessageContaining("went unanswered").hasMessageContaining("503")
                        .cause().isInstanceOf(PaperlessServerException.class);
            }
            // the looks back off like quiet ones (20, 40, 80, 160, 320, 320 ... ms), no busy loop while the server is down
            assertThat(taskRequests().size()).isBetween(2, 9);
        }
    }

    @Test
    void aLookRefusedForAnotherReasonFailsTheWaitThatMadeItAndTheOthersGoOn() throws Exception {
        try (PaperlessClient c = client("3.0.5", 0)) {
            for (int i = 0; i < 3; i++) {
                c.tasks().expect(uuid(i), Instant.now());
            }
            // the token lost its permission to view tasks (Paperless answers 403 with a JSON detail)
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).inScenario("perm").whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("back").willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                            .withBody("{\"detail\":\"You do not have permission to perform this action.\"}")));
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .inScenario("perm").whenScenarioStateIs("back").willReturn(okJson(v10Listing(3, "success"))));

            List<Future<Task>> done = waitAll(c, 3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));

            int failed = 0;
            for (Future<Task> f : done) {
                try {
                    assertThat(f.get().status()).isEqualTo(TaskStatus.SUCCESS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(PaperlessPermissionException.class);
                    failed++;
                }
            }
            assertThat(failed).as("only the wait whose look was refused").isEqualTo(1);
            assertThat(taskRequests()).hasSize(2);
        }
    }

    @Test
    void aStalledWorkerThinsTheLooksOutUpToTheMaximumAndEachWaitKeepsItsDeadline() throws Exception {
        try (PaperlessClient c = client("3.0.5", 3)) {
            for (int i = 0; i < 3; i++) {
                c.tasks().expect(uuid(i), Instant.now());
            }
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .willReturn(okJson(v10Listing(3, "pending"))));

            long t0 = System.nanoTime();
            List<Future<Task>> done = waitAll(c, 3, Duration.ofMillis(20), Duration.ofMillis(320), Duration.ofMillis(1500));
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

            for (Future<Task> f : done) {
                assertThatThrownBy(f::get).hasCauseInstanceOf(PaperlessTaskTimeoutException.class)
                        .cause().hasMessageContaining("still queued");
            }
            assertThat(elapsed).isGreaterThanOrEqualTo(1500);
            // 20, 40, 80, 160, 320, 320, ... ms: at most 9 looks in 1.5 s (75 at a fixed 20 ms)
            assertThat(taskRequests().size()).isBetween(3, 9);
        }
    }

    @Test
    void aShortWaitJoiningLooksThinnedOutByAStalledWorkerIsStillLookedAtBeforeItEnds() throws Exception {
        try (PaperlessClient c = client("3.0.5", 3)) {
            for (int i = 0; i < 3; i++) {
                c.tasks().expect(uuid(i), Instant.now());
            }
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .willReturn(okJson(v10Listing(3, "pending"))));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            // two long waits: the looks thin out towards 4 s while nothing changes
            List<Future<Task>> long_ = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String id = uuid(i);
                long_.add(pool.submit(() -> c.tasks().waitFor(id, Duration.ofMillis(50), Duration.ofSeconds(4),
                        Duration.ofSeconds(6), ORPHANED_AFTER)));
            }
            while (taskRequests().size() < 6) { // 50, 50, 100, 200, 400, 800 ms apart: the next is 1.6 s away
                Thread.sleep(10);
            }
            Thread.sleep(100);
            // a wait of 600 ms joins: looked at within 300 ms, so it ends knowing its task is queued
            assertThatThrownBy(() -> c.tasks().waitFor(uuid(2), Duration.ofMillis(50), Duration.ofSeconds(4),
                    Duration.ofMillis(600), ORPHANED_AFTER)).isInstanceOf(PaperlessTaskTimeoutException.class)
                    .hasMessageContaining("still queued");
            pool.shutdownNow();
        }
    }

    @Test
    void aRefusedListingFallsBackToLookupsById() throws Exception {
        try (PaperlessClient c = client("3.0.5", 3)) {
            for (int i = 0; i < 2; i++) {
                c.tasks().expect(uuid(i), Instant.now());
            }
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_type", equalTo("consume_file"))
                    .willReturn(jsonResponse("{\"task_type\":[\"Select a valid choice.\"]}", 400)));
            for (int i = 0; i < 2; i++) {
                wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid(i)))
                        .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(100 + i, uuid(i), "success", null, "[" + (500 + i) + "]")))));
            }
            List<Future<Task>> done = waitAll(c, 2, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));
            assertThat(done.get(0).get().status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(done.get(1).get().status()).isEqualTo(TaskStatus.SUCCESS);
            assertThat(withParam("task_type")).isEqualTo(1);
            assertThat(withParam("task_id")).isEqualTo(2);
        }
    }

    @Test
    void aTwoTwentyListingOfMoreThanTheLimitIsReadOnceThenTheQueueAndTheTasksNotInIt() throws Exception {
        try (PaperlessClient c = client("2.20.15", 3)) {
            c.tasks().expect(uuid(0), Instant.now());
            c.tasks().expect(uuid(1), Instant.now());
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_name", equalTo("consume_file"))
                    .willReturn(okJson(v9Array(10, 11 + TaskWatcher.LISTING_LIMIT, "SUCCESS"))));
            // then the queue: task 1 still in it, task 0 not (started, then done: looked up by id)
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("status", equalTo("PENDING"))
                    .inScenario("q").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("empty")
                    .willReturn(okJson(v9Array(1, 2, "PENDING"))));
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("status", equalTo("PENDING"))
                    .inScenario("q").whenScenarioStateIs("empty").willReturn(okJson("[]")));
            // neither is in the big listing: each looked up by id at the first look (0 started, 1 queued)
            for (int i = 0; i < 2; i++) {
                wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid(i)))
                        .inScenario("t" + i).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("done")
                        .willReturn(okJson(v9Array(i, i + 1, i == 0 ? "STARTED" : "PENDING"))));
                wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid(i)))
                        .inScenario("t" + i).whenScenarioStateIs("done").willReturn(okJson(v9Array(i, i + 1, "SUCCESS"))));
            }
            List<Future<Task>> done = waitAll(c, 2, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(20));
            assertThat(done.get(0).get().documentId()).isEqualTo(500);
            assertThat(done.get(1).get().documentId()).isEqualTo(501);
            wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("acknowledged", equalTo("false")));
            wm.verify(1, getRequestedFor(urlPathEqualTo("/api/tasks/")).withQueryParam("status", equalTo("PENDING")));
            // first look: both by id; second: the queue (task 1 in it) and task 0 (not in it: done); third: task 1 alone
            // is waited for, by id
            assertThat(withParam("task_id")).isEqualTo(4);
        }
    }

    @Test
    void anInterruptedWaitEndsAsATimeoutWithTheLastRowAndLeavesNothingBehind() throws Exception {
        try (PaperlessClient c = client("3.0.5", 3)) {
            wm.stubFor(get(urlPathEqualTo("/api/tasks/")).withQueryParam("task_id", equalTo(uuid(5)))
                    .willReturn(okJson(TaskFixtures.page(TaskFixtures.v10(105, uuid(5), "pending", null, null)))));
            Thread self = Thread.currentThread();
            Thread interrupter = new Thread(() -> { // once the first look was answered
                while (taskRequests().isEmpty()) {
                    Thread.onSpinWait();
                }
                self.interrupt();
            });
            interrupter.start();
            assertThatThrownBy(() -> c.tasks().waitFor(uuid(5), Duration.ofSeconds(10), Duration.ofSeconds(10),
                    Duration.ofMinutes(1), ORPHANED_AFTER)).isInstanceOf(PaperlessTaskTimeoutException.class)
                    .hasMessageContaining("still queued");
            assertThat(Thread.interrupted()).isTrue();
            interrupter.join();
            assertThat(c.tasks().watcherIdle()).isTrue();
        }
    }
}
