package io.github.camelpaperless.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.github.camelpaperless.support.FakeStore.addDocument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * from("paperless:documents?push=true"): the workflows it provisions, the webhook calls it answers (as Paperless'
 * worker sends them: POST, JSON params, the secret header) and how push and the catch-up poll share one position.
 */
class PushConsumerTest extends PaperlessTestSupport {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    final MemoryStateRepository state = new MemoryStateRepository();
    final List<Exchange> received = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    VertxPlatformHttpServer server;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext ctx = super.createCamelContext();
        server = webhookServer(ctx);
        return ctx;
    }

    /** The HTTP server Paperless' webhook calls reach, on loopback, added to the context. */
    static VertxPlatformHttpServer webhookServer(CamelContext ctx) throws Exception {
        VertxPlatformHttpServerConfiguration conf = new VertxPlatformHttpServerConfiguration();
        conf.setBindHost("127.0.0.1");
        // a fixed free port: Camel 4.14's Vert.x engine finds its router by the configured port, so 0 fails there
        conf.setBindPort(org.apache.camel.test.AvailablePortFinder.getNextAvailable());
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(conf);
        ctx.addService(server);
        return server;
    }

    @BeforeEach
    void store() {
        useFakeStore();
        wm.stubFor(any(urlPathMatching("/api/workflows/(\\d+/)?")).willReturn(aResponse().withTransformers(FakeStore.NAME)));
        wm.stubFor(post("/api/documents/bulk_edit/").willReturn(aResponse().withTransformers(FakeStore.NAME)));
        context.getRegistry().bind("state", state);
    }

    @org.junit.jupiter.api.AfterEach
    void restoreRetryDelays() {
        WebhookReceiver.retryDelays = WebhookReceiver.RETRY_DELAYS;
    }

    /** Waits until the consumer is done with every call it acknowledged. */
    static void idle(PaperlessDocumentConsumer c) {
        io.github.camelpaperless.support.Wait.until(() -> c.pushBacklog() == 0);
    }

    /** Waits until the route received {@code n} exchanges. */
    void received(int n) {
        io.github.camelpaperless.support.Wait.until(() -> received.size() >= n);
    }

    String externalUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A push route with the catch-up poll triggered by the test. */
    PaperlessDocumentConsumer route(String options) throws Exception {
        String id = "push" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?push=true&startScheduler=false&stateRepository=#state&webhookExternalUrl="
                     + externalUrl() + options).routeId(id)
                        .process(e -> {
                            if (failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("downstream system unavailable");
                            }
                            received.add(e.copy());
                        });
            }
        });
        Route r = context.getRoute(id);
        return (PaperlessDocumentConsumer) r.getConsumer();
    }

    static ObjectNode workflow(String nameSuffix) {
        return FakeStore.WORKFLOWS.stream().filter(w -> w.path("name").asText().endsWith(nameSuffix)).findFirst()
                .orElseThrow();
    }

    /** What Paperless' worker sends for a workflow: its webhook action's params as JSON, its headers. */
    static HttpResponse<String> callAsPaperless(ObjectNode workflow, int docId, boolean v3) throws Exception {
        JsonNode webhook = workflow.path("actions").get(0).path("webhook");
        String docUrl = "http://paperless.local:8000/documents/" + docId + "/";
        String body = v3
                ? "{\"event\":\"" + webhook.path("params").path("event").asText() + "\",\"doc_url\":\"" + docUrl
                  + "\",\"doc_id\":\"" + docId + "\"}"
                // Paperless 2.x: no doc_id
                : "{\"event\":\"" + webhook.path("params").path("event").asText() + "\",\"doc_url\":\"" + docUrl + "\"}";
        return send(webhook.path("url").asText(), body, webhook.path("headers").path("X-Paperless-Secret").asText());
    }

    static HttpResponse<String> send(String url, String json, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("User-Agent", "python-httpx/0.28.1").POST(HttpRequest.BodyPublishers.ofString(json));
        if (secret != null) {
            b.header("X-Paperless-Secret", secret);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void provisionsOneWorkflowThatCallsTheConsumerAndFindsItAgainOnRestart() throws Exception {
        PaperlessDocumentConsumer c = route("&webhookPath=/hooks/new-docs&filter.tags__id__all=7&filter.title__icontains=x");
        assertThat(FakeStore.WORKFLOWS).hasSize(1);
        ObjectNode w = workflow("(added)");
        assertThat(w.path("name").asText()).startsWith("camel-paperless paperless.documents.added.");
        assertThat(w.path("order").asInt()).isEqualTo(1000);
        JsonNode trigger = w.path("triggers").get(0);
        assertThat(trigger.path("type").asInt()).isEqualTo(2);
        // the tag filter maps onto the trigger; the title filter does not (the consumer checks it itself)
        assertThat(trigger.path("filter_has_all_tags").toString()).isEqualTo("[7]");
        JsonNode webhook = w.path("actions").get(0).path("webhook");
        assertThat(w.path("actions").get(0).path("type").asInt()).isEqualTo(4);
        assertThat(webhook.path("url").asText()).isEqualTo(externalUrl() + "/hooks/new-docs");
        assertThat(webhook.path("params").path("doc_url").asText()).isEqualTo("{{ doc_url }}");
        assertThat(webhook.path("params").path("doc_id").asText()).isEqualTo("{{ doc_id }}");
        assertThat(webhook.path("as_json").asBoolean()).isTrue();
        String firstSecret = webhook.path("headers").path("X-Paperless-Secret").asText();
        assertThat(firstSecret).hasSizeGreaterThan(20);
        // the secret never reaches the logs or the endpoint URI
        assertThat(c.getEndpoint().getEndpointUri()).doesNotContain(firstSecret);

        // restart: the same workflow is updated, not a second one created — with the same secret (derived from the
        // credentials, the URL and the state key): a call Paperless sent before the restart is still accepted, and
        // replicas behind the same URL agree on it
        context.getRouteController().stopRoute(c.getRouteId());
        context.getRouteController().startRoute(c.getRouteId());
        assertThat(FakeStore.WORKFLOWS).hasSize(1);
        wm.verify(1, postRequestedFor(urlEqualTo("/api/workflows/")));
        wm.verify(1, patchRequestedFor(urlEqualTo("/api/workflows/" + w.path("id").asInt() + "/")));
        assertThat(workflow("(added)").path("actions").get(0).path("webhook").path("headers").path("X-Paperless-Secret")
                .asText()).isEqualTo(firstSecret).doesNotContain(TOKEN);
        // by default the workflow stays when the route stops
        context.getRouteController().stopRoute(c.getRouteId());
        assertThat(FakeStore.WORKFLOWS).hasSize(1);
    }

    @Test
    void modifiedModeProvisionsAddedAndUpdatedAndDeleteOnStopRemovesThem() throws Exception {
        PaperlessDocumentConsumer c = route("&mode=modified&deleteWorkflowOnStop=true&workflowName=invoices");
        assertThat(FakeStore.WORKFLOWS).extracting(w -> w.path("name").asText())
                .containsExactlyInAnyOrder("invoices (added)", "invoices (updated)");
        assertThat(workflow("(updated)").path("triggers").get(0).path("type").asInt()).isEqualTo(3);
        context.getRouteController().stopRoute(c.getRouteId());
        assertThat(FakeStore.WORKFLOWS).isEmpty();
    }

    @Test
    void aCallCreatedWhileAnotherInstanceProvisionedIsResolvedByUpdatingTheirs() throws Exception {
        // another instance created the workflow between our listing and our create: the server refuses the name
        wm.stubFor(get(urlPathEqualTo("/api/workflows/")).inScenario("race").whenScenarioStateIs("Started")
                .willReturn(okJson("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}"))
                .willSetStateTo("listed").atPriority(1));
        FakeStore.WORKFLOWS.add((ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"id\":41,\"name\":\"shared (added)\",\"order\":0,\"enabled\":false,\"triggers\":[],\"actions\":[]}"));
        route("&workflowName=shared&webhookSecret=s3cret");
        assertThat(FakeStore.WORKFLOWS).hasSize(1);
        ObjectNode w = workflow("(added)");
        assertThat(w.path("id").asInt()).isEqualTo(41);
        assertThat(w.path("enabled").asBoolean()).isTrue();
        assertThat(w.path("actions").get(0).path("webhook").path("headers").path("X-Paperless-Secret").asText()).isEqualTo("s3cret");
    }

    @Test
    void twoCreatesAtOnceAnswered500AreResolvedByUpdatingTheOneThatWasCreatedAgainAfterALock() throws Exception {
        // replicas starting at once: both passed the server's name check, the database's unique constraint failed ours
        // (Django answers its HTML 500 page); the other's workflow exists
        wm.stubFor(get(urlPathEqualTo("/api/workflows/")).inScenario("race").whenScenarioStateIs("Started")
                .willReturn(okJson("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}"))
                .willSetStateTo("listed").atPriority(1));
        wm.stubFor(post(urlEqualTo("/api/workflows/")).inScenario("race").whenScenarioStateIs("listed")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                        .withBody("<h1>Server Error (500)</h1>"))
                .willSetStateTo("failed").atPriority(1));
        // and the update of theirs meets SQLite's lock once (Django's 500 page): sent again, it is repeatable
        wm.stubFor(patch(urlEqualTo("/api/workflows/42/")).inScenario("race").whenScenarioStateIs("failed")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                        .withBody("<h1>Server Error (500)</h1>"))
                .willSetStateTo("locked once").atPriority(1));
        FakeStore.WORKFLOWS.add((ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"id\":42,\"name\":\"shared (added)\",\"order\":0,\"enabled\":false,\"triggers\":[],\"actions\":[]}"));
        route("&workflowName=shared&webhookSecret=s3cret");
        assertThat(FakeStore.WORKFLOWS).hasSize(1);
        assertThat(workflow("(added)").path("id").asInt()).isEqualTo(42);
        assertThat(workflow("(added)").path("enabled").asBoolean()).isTrue();
        wm.verify(1, postRequestedFor(urlEqualTo("/api/workflows/")));
        wm.verify(2, patchRequestedFor(urlEqualTo("/api/workflows/42/")));
    }

    @Test
    void aCreateAnswered500ThatDidNotTakeEffectIsSentAgain() throws Exception {
        // e.g. SQLite's "database is locked": nothing was created; the lookup proves it, the create is sent again
        wm.stubFor(post(urlEqualTo("/api/workflows/")).inScenario("locked").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                        .withBody("<h1>Server Error (500)</h1>"))
                .willSetStateTo("failed once").atPriority(1));
        route("&workflowName=locked&webhookSecret=s3cret");
        assertThat(FakeStore.WORKFLOWS).hasSize(1);
        assertThat(workflow("(added)").path("name").asText()).isEqualTo("locked (added)");
        wm.verify(2, postRequestedFor(urlEqualTo("/api/workflows/")));
    }

    @Test
    void aCreateRefusedForAnotherReasonFailsTheStartWithTheServersMessage() {
        wm.stubFor(post(urlEqualTo("/api/workflows/")).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"triggers\":[\"This field is required.\"]}")));
        assertThatThrownBy(() -> route("&workflowName=refused&webhookSecret=s3cret")).hasStackTraceContaining("triggers")
                .hasStackTraceContaining("This field is required.");
        assertThat(FakeStore.WORKFLOWS).isEmpty();
        wm.verify(1, postRequestedFor(urlEqualTo("/api/workflows/")));
    }

    @Test
    void aPushedDocumentIsEmittedOnceAndTheCatchUpPollSkipsIt() throws Exception {
        addDocument(1, "2026-11-20T10:00:00Z");
        PaperlessDocumentConsumer c = route("");
        assertThat(c.poll()).isZero();
        addDocument(2, "2026-11-20T10:05:00Z");

        int before = wm.getAllServeEvents().size();
        HttpResponse<String> r = callAsPaperless(workflow("(added)"), 2, true);
        // acknowledged at once (Paperless waits 5 s and never calls again after a timeout), emitted right after
        assertThat(r.statusCode()).isEqualTo(202);
        received(1);
        idle(c);
        // what one pushed document costs the server: the document, read once with the consumer's filters (id__in)
        assertThat(wm.getAllServeEvents().subList(0, wm.getAllServeEvents().size() - before))
                .extracting(e -> e.getRequest().getUrl().replaceAll("\\?.*", ""))
                .containsExactly("/api/documents/");
        Exchange e = received.get(0);
        assertThat(e.getMessage().getHeader(PaperlessConstants.ID)).isEqualTo(2);
        assertThat(e.getMessage().getHeader(PaperlessConstants.EVENT)).isEqualTo("added");
        assertThat(e.getMessage().getHeader(PaperlessConstants.EVENT_SOURCE)).isEqualTo("push");
        assertThat(e.getMessage().getHeader("X-Paperless-Secret")).isNull();

        // Paperless calls again (its retry), then the catch-up poll: neither emits it again
        assertThat(callAsPaperless(workflow("(added)"), 2, true).statusCode()).isEqualTo(202);
        idle(c);
        assertThat(c.poll()).isZero();
        assertThat(received).hasSize(1);
        // and the poll moved the position over it
        assertThat(c.position().watermark()).isEqualTo(java.time.OffsetDateTime.parse("2026-11-20T10:05:00Z"));
    }

    /**
     * A single instance (its repository shared with nobody) claims nothing: after a crash, the item its earlier run had
     * in flight is emitted again at the first catch-up, marked, without waiting for a claim to time out.
     */
    @Test
    void aSingleInstanceRestartedAfterACrashEmitsItsInFlightItemAtOnce() throws Exception {
        PaperlessDocumentConsumer c = route("");
        assertThat(c.poll()).isZero();
        addDocument(31, "2026-11-20T10:05:00Z");
        ConsumerPosition p = c.position();
        p.claim(31, ConsumerPosition.key(31, java.time.OffsetDateTime.parse("2026-11-20T10:05:00Z")),
                "camel-1/earlier on 999999@host", System.currentTimeMillis(), java.time.Duration.ZERO);
        state.setState(c.getStateKey(), p.encode());
        assertThat(c.poll()).isEqualTo(1);
        assertThat(received).singleElement().satisfies(e -> assertThat(e.getMessage().getHeader(PaperlessConstants.REDELIVERED))
                .isEqualTo(true));
    }

    @Test
    void theCatchUpPollEmitsWhatNoCallDelivered() throws Exception {
        PaperlessDocumentConsumer c = route("");
        assertThat(c.poll()).isZero();
        addDocument(3, "2026-11-20T10:05:00Z");
        addDocument(4, "2026-11-20T10:06:00Z");
        // only 4 was pushed; 3's call was lost (route down, Paperless timed out)
        assertThat(callAsPaperless(workflow("(added)"), 4, false).statusCode()).isEqualTo(202);
        received(1);
        idle(c);
        assertThat(c.poll()).isEqualTo(1);
        assertThat(received).extracting(x -> x.getMessage().getHeader(PaperlessConstants.ID)).containsExactly(4, 3);
        assertThat(received.get(1).getMessage().getHeader(PaperlessConstants.EVENT_SOURCE)).isEqualTo("poll");
        assertThat(received.get(1).getMessage().getHeader(PaperlessConstants.EVENT)).isEqualTo("added");
        assertThat(c.poll()).isZero();
    }

    @Test
    void callsWithoutTheSecretAre401AndEmitNothing() throws Exception {
        route("&webhookPath=/hook");
        addDocument(5, "2026-11-20T10:05:00Z");
        int before = wm.findAll(getRequestedFor(urlPathMatching("/api/documents/.*"))).size();
        String body = "{\"event\":\"added\",\"doc_url\":\"http://p/documents/5/\",\"doc_id\":\"5\"}";
        HttpResponse<String> none = send(externalUrl() + "/hook", body, null);
        HttpResponse<String> wrong = send(externalUrl() + "/hook", body, "guess");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-Paperless-Secret"));
        assertThat(received).isEmpty();
        // not even a look at the server
        assertThat(wm.findAll(getRequestedFor(urlPathMatching("/api/documents/.*")))).hasSize(before);
    }

    /** The push consumer's meters: calls by answer (401s show a secret mismatch), emissions via push. */
    @Test
    void pushCallsAreCountedByAnswerAndPushedEmissionsByVia() throws Exception {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters
                = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        context.getRegistry().bind("meters", meters);
        PaperlessDocumentConsumer c = route("&webhookPath=/metered");
        addDocument(21, "2026-11-20T10:05:00Z");
        String body = "{\"event\":\"added\",\"doc_url\":\"http://p/documents/21/\",\"doc_id\":\"21\"}";
        assertThat(send(externalUrl() + "/metered", body, "guess").statusCode()).isEqualTo(401);
        assertThat(callAsPaperless(workflow("(added)"), 21, true).statusCode()).isEqualTo(202);
        received(1);
        idle(c);
        String route = c.getRouteId();
        assertThat(meters.find("paperless.consumer.push.calls").tags("route", route, "status", "401").counter().count())
                .isEqualTo(1);
        assertThat(meters.find("paperless.consumer.push.calls").tags("route", route, "status", "202").counter().count())
                .isEqualTo(1);
        assertThat(meters.find("paperless.consumer.emitted").tags("route", route, "via", "push").counter().count())
                .isEqualTo(1);
    }

    @Test
    void badPayloadsAreRefusedWithAMessage() throws Exception {
        route("&webhookPath=/hook&webhookSecret=s3cret");
        assertThat(send(externalUrl() + "/hook", "{\"event\":\"added\",\"doc_url\":\"\"}", "s3cret").statusCode())
                .isEqualTo(400);
        HttpResponse<String> r = send(externalUrl() + "/hook", "{\"event\":\"added\",\"title\":\"x\"}", "s3cret");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("doc_url={{ doc_url }}");
        assertThat(send(externalUrl() + "/hook", "{\"event\":\"deleted\",\"doc_id\":\"5\"}", "s3cret").statusCode())
                .isEqualTo(400);
        assertThat(received).isEmpty();
    }

    @Test
    void aPushedDocumentTheFiltersDoNotSelectIsNotEmitted() throws Exception {
        PaperlessDocumentConsumer c = route("&filter.tags__id__all=7");
        addDocument(6, "2026-11-20T10:05:00Z");
        addDocument(8, "2026-11-20T10:06:00Z", 7);
        // a forged or broad call: the consumer asks the server, with its own filters
        HttpResponse<String> r = callAsPaperless(workflow("(added)"), 6, true);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(callAsPaperless(workflow("(added)"), 8, true).statusCode()).isEqualTo(202);
        idle(c);
        assertThat(received).extracting(x -> x.getMessage().getHeader(PaperlessConstants.ID)).containsExactly(8);
        assertThat(c.isStarted()).isTrue();
    }

    @Test
    void aFailedPushedExchangeIsEmittedAgainByTheConsumerWithoutPaperlessCallingAgain() throws Exception {
        WebhookReceiver.retryDelays = List.of(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(40));
        PaperlessDocumentConsumer c = route("");
        c.poll();
        addDocument(9, "2026-11-20T10:05:00Z");
        failuresLeft.set(2);
        assertThat(callAsPaperless(workflow("(added)"), 9, true).statusCode()).isEqualTo(202);
        received(1);
        idle(c);
        assertThat(received).hasSize(1);
        assertThat(failuresLeft.get()).isNegative();
        assertThat(c.poll()).isZero();
    }

    @Test
    void aPushedExchangeThatKeepsFailingIsLeftToTheCatchUpPoll() throws Exception {
        WebhookReceiver.retryDelays = List.of(java.time.Duration.ofMillis(20), java.time.Duration.ofMillis(40));
        PaperlessDocumentConsumer c = route("");
        c.poll();
        addDocument(13, "2026-11-20T10:05:00Z");
        failuresLeft.set(3); // the first emission and both retries fail
        assertThat(callAsPaperless(workflow("(added)"), 13, true).statusCode()).isEqualTo(202);
        idle(c);
        assertThat(received).isEmpty();
        // the acknowledged call is not lost: the position did not move over it, the catch-up poll emits it
        assertThat(c.poll()).isEqualTo(1);
        assertThat(received).extracting(x -> x.getMessage().getHeader(PaperlessConstants.EVENT_SOURCE)).containsExactly("poll");
    }

    @Test
    void aDocumentThatNeverAppearsIsLookedForAFewTimesAndEmitsNothing() throws Exception {
        PaperlessDocumentConsumer c = route("");
        HttpResponse<String> r = callAsPaperless(workflow("(added)"), 404, true);
        assertThat(r.statusCode()).isEqualTo(202);
        idle(c);
        assertThat(received).isEmpty();
        // it looked a few times: the call can come before the document is visible
        wm.verify(5, getRequestedFor(urlPathEqualTo("/api/documents/404/")));
    }

    @Test
    void lookingForAMissingDocumentDoesNotHoldUpThePoll() throws Exception {
        PaperlessDocumentConsumer c = route("");
        c.poll();
        addDocument(14, "2026-11-20T10:05:00Z");
        assertThat(callAsPaperless(workflow("(added)"), 404, true).statusCode()).isEqualTo(202);
        // the look-ups (about 2 s) run without the emit lock: a poll meanwhile emits at once
        io.github.camelpaperless.support.Wait.until(
                () -> !wm.findAll(getRequestedFor(urlPathEqualTo("/api/documents/404/"))).isEmpty());
        assertThat(c.poll()).isEqualTo(1);
        assertThat(wm.findAll(getRequestedFor(urlPathEqualTo("/api/documents/404/")))).as("look-ups still going on")
                .hasSizeLessThan(5);
        idle(c);
    }

    @Test
    void aRouteSlowerThanPaperlessWaitsIsAcknowledgedAtOnce() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String id = "slow" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?push=true&startScheduler=false&stateRepository=#state&webhookPath=/slow&webhookExternalUrl="
                     + externalUrl()).routeId(id)
                        .process(e -> {
                            release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                            received.add(e.copy());
                        });
            }
        });
        PaperlessDocumentConsumer c = (PaperlessDocumentConsumer) context.getRoute(id).getConsumer();
        addDocument(15, "2026-11-20T10:05:00Z");
        // Paperless gives up after 5 s and never calls again: the answer must not wait for the route
        HttpResponse<String> r = callAsPaperless(workflow("(added)"), 15, true);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(received).as("answered while the route still works").isEmpty();
        release.countDown();
        received(1);
        idle(c);
    }

    @Test
    void aRestartedRouteCatchesUpWhatWasAddedMeanwhileAndAcceptsCallsSentBeforeTheRestart() throws Exception {
        String id = "restart" + System.nanoTime();
        addDocument(16, "2026-11-20T10:05:00Z");
        // the default (in-memory) state repository: the position is the endpoint's, it survives a route restart
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?push=true&startScheduler=false&webhookPath=/restart&webhookExternalUrl="
                     + externalUrl()).routeId(id).process(e -> received.add(e.copy()));
            }
        });
        PaperlessDocumentConsumer first = (PaperlessDocumentConsumer) context.getRoute(id).getConsumer();
        assertThat(first.poll()).isZero(); // startFrom=now: 16 is before the start
        ObjectNode before = workflow("(added)").deepCopy();
        context.getRouteController().stopRoute(id);
        addDocument(17, "2026-11-20T10:06:00Z"); // added while the route was stopped: its call failed
        context.getRouteController().startRoute(id);
        PaperlessDocumentConsumer second = (PaperlessDocumentConsumer) context.getRoute(id).getConsumer();
        // the catch-up at start emits it; the position was not taken again from startFrom=now
        assertThat(second.poll()).isEqualTo(1);
        assertThat(received).extracting(x -> x.getMessage().getHeader(PaperlessConstants.ID)).containsExactly(17);
        // Paperless retries its failed call with the secret it had before the restart: accepted
        addDocument(18, "2026-11-20T10:07:00Z");
        assertThat(callAsPaperless(before, 18, true).statusCode()).isEqualTo(202);
        received(2);
        idle(second);
    }

    @Test
    void modifiedModeEmitsUpdatesOnceAndNotTheConsumersOwnChange() throws Exception {
        PaperlessDocumentConsumer c = route("&mode=modified&addTags=3");
        c.poll();
        ObjectNode d = addDocument(10, "2026-11-20T10:05:00Z");
        d.put("modified", "2026-11-20T10:07:00Z");
        assertThat(callAsPaperless(workflow("(updated)"), 10, true).statusCode()).isEqualTo(202);
        received(1);
        idle(c);
        assertThat(received.get(0).getMessage().getHeader(PaperlessConstants.EVENT)).isEqualTo("updated");
        // addTags changed it: Paperless calls 'updated' for our own edit, and stamps it again later
        assertThat(callAsPaperless(workflow("(updated)"), 10, true).statusCode()).isEqualTo(202);
        idle(c);
        assertThat(c.poll()).isZero();
        assertThat(callAsPaperless(workflow("(updated)"), 10, true).statusCode()).isEqualTo(202);
        idle(c);
        assertThat(received).hasSize(1);
    }

    @Test
    void anExistingWorkflowCanBeUsedWithoutProvisioning() throws Exception {
        route("&provisionWorkflow=false&webhookSecret=handmade&webhookPath=/mine");
        assertThat(FakeStore.WORKFLOWS).isEmpty();
        wm.verify(0, anyRequestedFor(urlPathMatching("/api/workflows/.*")));
        addDocument(11, "2026-11-20T10:05:00Z");
        // a hand-made webhook action: form parameters (as_json off), no event
        HttpRequest form = HttpRequest.newBuilder(URI.create(externalUrl() + "/mine"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Paperless-Secret", "handmade")
                .POST(HttpRequest.BodyPublishers.ofString("doc_url=http%3A%2F%2Fp%2Fdocuments%2F11%2F")).build();
        HttpResponse<String> r = HTTP.send(form, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        received(1);
    }

    /**
     * Replicas behind one URL share one workflow: a replica whose derived secret differs (other credentials) must not
     * overwrite the secret the others answer to — it fails at start with the fix; with webhookSecret configured it
     * replaces the secret and still accepts calls Paperless sent with the previous one.
     */
    @Test
    void aReplicaWithAnotherSecretNeverOverwritesTheSharedWorkflow() throws Exception {
        FakeStore.WORKFLOWS.add((ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"id\":51,\"name\":\"replicas (added)\",\"order\":1000,\"enabled\":true,\"triggers\":[{\"type\":2}],"
                + "\"actions\":[{\"type\":4,\"webhook\":{\"url\":\"" + externalUrl() + "/replicas\",\"use_params\":true,"
                + "\"as_json\":true,\"params\":{\"event\":\"added\",\"doc_url\":\"{{ doc_url }}\"},"
                + "\"headers\":{\"X-Paperless-Secret\":\"other-replica-secret\"},\"include_document\":false}}]}"));
        // refused at start, even with deleteWorkflowOnStop: the stop after the failed start leaves their workflow
        assertThatThrownBy(() -> route("&workflowName=replicas&webhookPath=/replicas&deleteWorkflowOnStop=true"))
                .hasStackTraceContaining("workflow 51 'replicas (added)' calls " + externalUrl() + "/replicas with another "
                                         + "X-Paperless-Secret")
                .hasStackTraceContaining("Set the same webhookSecret on every replica")
                .satisfies(e -> {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    e.printStackTrace(new java.io.PrintWriter(trace));
                    assertThat(trace.toString()).doesNotContain("other-replica-secret");
                });
        assertThat(workflow("replicas (added)").path("actions").get(0).path("webhook").path("headers")
                .path("X-Paperless-Secret").asText()).isEqualTo("other-replica-secret");
        wm.verify(0, patchRequestedFor(urlEqualTo("/api/workflows/51/")));
        wm.verify(0, deleteRequestedFor(urlEqualTo("/api/workflows/51/")));

        // configured: the intent is to replace it; calls already sent with the previous secret are still accepted
        route("&workflowName=replicas&webhookPath=/replicas2&webhookSecret=shared-by-all");
        ObjectNode w = workflow("replicas (added)");
        assertThat(w.path("actions").get(0).path("webhook").path("headers").path("X-Paperless-Secret").asText())
                .isEqualTo("shared-by-all");
        addDocument(61, "2026-11-20T10:05:00Z");
        addDocument(62, "2026-11-20T10:06:00Z");
        String call = "{\"event\":\"added\",\"doc_url\":\"http://p/documents/%d/\",\"doc_id\":\"%d\"}";
        assertThat(send(externalUrl() + "/replicas2", String.format(call, 61, 61), "other-replica-secret").statusCode())
                .isEqualTo(202);
        assertThat(send(externalUrl() + "/replicas2", String.format(call, 62, 62), "shared-by-all").statusCode())
                .isEqualTo(202);
        assertThat(send(externalUrl() + "/replicas2", String.format(call, 62, 62), "guess").statusCode()).isEqualTo(401);
        received(2);
        assertThat(received).extracting(x -> x.getMessage().getHeader(PaperlessConstants.ID)).containsExactly(61, 62);
    }

    @Test
    void badPushOptionsFailAtStartWithTheFix() {
        assertThatThrownBy(() -> context.getEndpoint("paperless:documents?push=true").createConsumer(e -> {
        })).hasMessageContaining("webhookExternalUrl");
        assertThatThrownBy(() -> context.getEndpoint("paperless:documents?push=true&webhookExternalUrl=ftp://x").createConsumer(e -> {
        })).hasMessageContaining("http://");
        assertThatThrownBy(() -> context.getEndpoint("paperless:documents?push=true&webhookExternalUrl=http://x&provisionWorkflow=false")
                .createConsumer(e -> {
                })).hasMessageContaining("webhookSecret");
        assertThatThrownBy(() -> context.getEndpoint("paperless:tags?push=true&webhookExternalUrl=http://x").createConsumer(e -> {
        })).hasMessageContaining("paperless:documents");
        assertThatThrownBy(() -> route("&webhookComponentName=nosuch"))
                .hasStackTraceContaining("webhookComponentName=nosuch names no HTTP server component");
    }

    @Test
    void theWebhookSecretReachesNoLogEndpointUriOrDevConsole() throws Exception {
        String secret = "hook-SECRET-7781";
        String text;
        // (created before the capture: Camel core itself traces the raw URI of a route it creates, as for every
        // component's secrets — configure them on the component or through properties to keep them out of URIs)
        PaperlessDocumentConsumer c = route("&webhookPath=/hook&webhookSecret=" + secret);
        try (io.github.camelpaperless.support.LogCapture capture = new io.github.camelpaperless.support.LogCapture()) {
            // a restart provisions the workflow again (with the secret in the request body) at TRACE
            context.getRouteController().stopRoute(c.getRouteId());
            context.getRouteController().startRoute(c.getRouteId());
            addDocument(12, "2026-11-20T10:05:00Z");
            assertThat(send(externalUrl() + "/hook", "{\"doc_id\":\"12\"}", "wrong").statusCode()).isEqualTo(401);
            assertThat(send(externalUrl() + "/hook", "{\"doc_id\":\"12\"}", secret).statusCode()).isEqualTo(202);
            received(1);
            io.github.camelpaperless.component.PaperlessDevConsole console = new io.github.camelpaperless.component.PaperlessDevConsole();
            console.setCamelContext(context);
            text = capture.text() + context.getEndpoints() + context.getRoutes()
                   + console.call(org.apache.camel.console.DevConsole.MediaType.TEXT, java.util.Map.of())
                   + console.call(org.apache.camel.console.DevConsole.MediaType.JSON, java.util.Map.of());
        }
        // it was sent to Paperless (in the workflow), and nowhere else
        assertThat(workflow("(added)").toString()).contains(secret);
        assertThat(text).contains("Refused a webhook call").doesNotContain(secret);
        assertThat(received).hasSize(1);
    }

    @Test
    void consumptionStartedIsProvisionedWithAFileNameFilterAndEmittedWithoutADocument() throws Exception {
        route("&consumptionStartedFilter=*.pdf&webhookPath=/hook");
        ObjectNode w = workflow("(consumptionStarted)");
        JsonNode trigger = w.path("triggers").get(0);
        assertThat(trigger.path("type").asInt()).isEqualTo(1);
        assertThat(trigger.path("filter_filename").asText()).isEqualTo("*.pdf");
        assertThat(trigger.path("sources").toString()).isEqualTo("[1,2,3,4]");
        JsonNode params = w.path("actions").get(0).path("webhook").path("params");
        assertThat(params.path("doc_title").asText()).isEqualTo("{{ doc_title }}");
        assertThat(params.has("doc_url")).isFalse();
        String secret = w.path("actions").get(0).path("webhook").path("headers").path("X-Paperless-Secret").asText();
        // what Paperless 3.0.5 sends when a consumption starts: the temporary copy's path as the title
        HttpResponse<String> r = send(externalUrl() + "/hook", "{\"event\":\"consumptionStarted\",\"original_filename\":"
                                                              + "\"scan-118\",\"doc_title\":\"/data/tmp/tmpab12/scan-118.pdf\"}", secret);
        assertThat(r.statusCode()).isEqualTo(202);
        received(1);
        Exchange e = received.get(0);
        assertThat(e.getMessage().getHeader(PaperlessConstants.EVENT)).isEqualTo("consumptionStarted");
        assertThat(e.getMessage().getHeader(PaperlessConstants.FILE_NAME)).isEqualTo("scan-118.pdf");
        assertThat(e.getMessage().getBody(java.util.Map.class)).containsEntry("original_filename", "scan-118");
        // the added workflow is there as well
        assertThat(workflow("(added)").path("triggers").get(0).path("type").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> context.getEndpoint("paperless:documents?consumptionStartedFilter=*.pdf").createConsumer(x -> {
        })).hasMessageContaining("push=true");
    }

    /**
     * Issue 20: a workflow ordered after ours saves the document again (a later modified, the same state): the catch-up
     * poll does not emit it a second time; a real change afterwards is emitted.
     */
    @Test
    void aLaterSaveOfThePushedStateIsNotEmittedAgainByTheCatchUpPoll() throws Exception {
        PaperlessDocumentConsumer c = route("&mode=modified");
        c.poll();
        ObjectNode d = addDocument(19, "2026-11-20T10:05:00Z");
        d.put("modified", "2026-11-20T10:07:00Z");
        assertThat(callAsPaperless(workflow("(updated)"), 19, true).statusCode()).isEqualTo(202);
        received(1);
        idle(c);
        FakeStore.restamp(d); // another workflow saved it: modified moves on, nothing else changes
        assertThat(c.poll()).isZero();
        d.put("title", "renamed by a user");
        FakeStore.restamp(d);
        assertThat(c.poll()).isEqualTo(1);
        assertThat(received).hasSize(2);
    }
}
