package io.github.camelpaperless.consumer;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.component.PaperlessConstants;
import io.github.camelpaperless.support.Fixtures;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static io.github.camelpaperless.support.FakeStore.addDocument;
import static org.assertj.core.api.Assertions.assertThat;

/** from("paperless:documents"): positions, commits, batching, after-success actions, content. */
class DocumentConsumerTest extends PaperlessTestSupport {

    final MemoryStateRepository state = new MemoryStateRepository();
    final List<Integer> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    int failOn = -1;

    @BeforeEach
    void store() {
        useFakeStore();
        context.getRegistry().bind("state", state);
    }

    /** A route with the scheduler off: polls are triggered by the test. */
    private PaperlessDocumentConsumer route(String options) throws Exception {
        String id = "r" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false&stateRepository=#state" + options).routeId(id)
                        .process(e -> {
                            Object body = e.getMessage().getBody();
                            int docId = e.getMessage().getHeader(PaperlessConstants.ID, Integer.class);
                            if (docId == failOn && failuresLeft.getAndDecrement() > 0) {
                                throw new IllegalStateException("downstream system unavailable");
                            }
                            seen.add(docId);
                            if (body instanceof InputStream) {
                                e.getMessage().setHeader("content", new String(((InputStream) body).readAllBytes(), StandardCharsets.UTF_8));
                            }
                        }).to("mock:out");
            }
        });
        Route r = context.getRoute(id);
        return (PaperlessDocumentConsumer) r.getConsumer();
    }

    @Test
    void startFromNowEmitsNothingOldThenEachNewDocumentOnce() throws Exception {
        addDocument(1, "2026-11-20T10:00:00Z");
        addDocument(2, "2026-11-20T10:05:00Z");
        PaperlessDocumentConsumer c = route("");
        assertThat(c.poll()).isZero();
        addDocument(3, "2026-11-20T10:06:00Z");
        assertThat(c.poll()).isEqualTo(1);
        assertThat(c.poll()).isZero();
        assertThat(seen).containsExactly(3);
        MockEndpoint out = getMockEndpoint("mock:out");
        assertThat(out.getExchanges().get(0).getMessage().getBody(Document.class).title()).isEqualTo("Document 3");
        assertThat(out.getExchanges().get(0).getMessage().getHeader(PaperlessConstants.TITLE)).isEqualTo("Document 3");
    }

    @Test
    void beginningReplaysEverythingInOrderAndIdlePollsAreOneSmallRequest() throws Exception {
        addDocument(5, "2026-11-20T10:02:00Z");
        addDocument(2, "2026-11-20T10:01:00Z");
        addDocument(9, "2026-11-20T10:03:00Z");
        PaperlessDocumentConsumer c = route("&startFrom=beginning");
        assertThat(c.poll()).isEqualTo(3);
        assertThat(seen).containsExactly(2, 5, 9);
        wm.resetRequests();
        assertThat(c.poll()).isZero();
        wm.verify(1, anyRequestedFor(anyUrl()));
        wm.verify(getRequestedFor(urlPathEqualTo("/api/documents/"))
                .withQueryParam("fields", equalTo("id,added"))
                .withQueryParam("ordering", equalTo("added,id"))
                .withQueryParam("added__gte", equalTo("2026-11-20T10:01:00Z")));
    }

    @Test
    void sameSecondAndOutOfIdOrderAdditionsAreNeitherLostNorRepeated() throws Exception {
        addDocument(10, "2026-11-20T10:00:00Z");
        PaperlessDocumentConsumer c = route("&startFrom=beginning");
        addDocument(12, "2026-11-20T10:00:00Z");
        addDocument(11, "2026-11-20T10:00:00Z");
        assertThat(c.poll()).isEqualTo(3);
        // a document committed late by the server, with an added time before the newest one seen
        addDocument(13, "2026-11-20T09:59:30Z");
        addDocument(14, "2026-11-20T10:00:00Z");
        assertThat(c.poll()).isEqualTo(2);
        assertThat(c.poll()).isZero();
        assertThat(seen).containsExactly(10, 11, 12, 13, 14);
    }

    @Test
    void startFromADocumentIdStartsAfterIt() throws Exception {
        addDocument(9, "2026-11-20T09:00:00Z");
        addDocument(10, "2026-11-20T10:00:00Z");
        PaperlessDocumentConsumer c = route("&startFrom=10");
        addDocument(12, "2026-11-20T10:00:00Z");
        addDocument(11, "2026-11-20T10:00:00Z");
        assertThat(c.poll()).isEqualTo(2);
        assertThat(seen).containsExactly(11, 12);
    }

    @Test
    void startFromADateTime() throws Exception {
        addDocument(1, "2026-11-19T23:59:59Z");
        addDocument(2, "2026-11-20T00:00:00Z");
        addDocument(3, "2026-11-21T08:00:00Z");
        PaperlessDocumentConsumer c = route("&startFrom=2026-11-20T00:00:00Z");
        assertThat(c.poll()).isEqualTo(2);
        assertThat(seen).containsExactly(2, 3);
    }

    @Test
    void aFailedExchangeIsRedeliveredOnTheNextPollAndNothingAfterItIsSkipped() throws Exception {
        addDocument(1, "2026-11-20T10:00:00Z");
        addDocument(2, "2026-11-20T10:01:00Z");
        addDocument(3, "2026-11-20T10:02:00Z");
        failOn = 2;
        failuresLeft.set(1);
        PaperlessDocumentConsumer c = route("&startFrom=beginning");
        c.poll();
        assertThat(seen).containsExactly(1);
        c.poll();
        assertThat(seen).containsExactly(1, 2, 3);
        c.poll();
        assertThat(seen).containsExactly(1, 2, 3);
        // the second emission of 2 says it was emitted before (the route may have done part of its work)
        assertThat(getMockEndpoint("mock:out").getExchanges())
                .extracting(e -> e.getMessage().getHeader(PaperlessConstants.ID) + "=" + e.getMessage().getHeader(
                        PaperlessConstants.REDELIVERED))
                .containsExactly("1=false", "2=true", "3=false");
    }

    /**
     * Issue 20: an application that dies while an exchange is in flight leaves the mark in its (persistent) state
     * repository; the restarted consumer emits that document again, marked redelivered — and only that one.
     */
    @Test
    void aDocumentInFlightWhenTheApplicationDiedIsEmittedAgainMarkedRedelivered() throws Exception {
        addDocument(1, "2026-11-20T10:00:00Z");
        addDocument(2, "2026-11-20T10:01:00Z");
        addDocument(3, "2026-11-20T10:02:00Z");
        java.util.concurrent.atomic.AtomicReference<String> atTheKill = new java.util.concurrent.atomic.AtomicReference<>();
        String id = "dies" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false&stateRepository=#state&startFrom=beginning").routeId(id)
                        .process(e -> {
                            int doc = e.getMessage().getHeader(PaperlessConstants.ID, Integer.class);
                            if (doc == 2 && atTheKill.get() == null) {
                                // the JVM is killed here: what the repository holds now is all that survives
                                atTheKill.set(state.getState(
                                        ((PaperlessDocumentConsumer) e.getContext().getRoute(id).getConsumer()).getStateKey()));
                                throw new IllegalStateException("killed");
                            }
                            seen.add(doc);
                        }).to("mock:out");
            }
        });
        PaperlessDocumentConsumer c = (PaperlessDocumentConsumer) context.getRoute(id).getConsumer();
        c.poll();
        assertThat(seen).containsExactly(1);
        // the application starts again on the repository as it was at the kill
        state.setState(c.getStateKey(), atTheKill.get());
        assertThat(c.position().isInFlight(2)).isTrue();
        c.poll();
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(getMockEndpoint("mock:out").getExchanges())
                .extracting(e -> e.getMessage().getHeader(PaperlessConstants.ID) + "=" + e.getMessage().getHeader(
                        PaperlessConstants.REDELIVERED))
                .containsExactly("1=false", "2=true", "3=false");
        assertThat(c.position().isInFlight(2)).isFalse();
    }

    @Test
    void aServerFaultMidBatchLeavesThePositionAndTheNextPollResumes() throws Exception {
        addDocument(1, "2026-11-20T10:00:00Z");
        addDocument(2, "2026-11-20T10:01:00Z");
        addDocument(3, "2026-11-20T10:02:00Z");
        PaperlessDocumentConsumer c = route("&startFrom=beginning&retryAttempts=0");
        var check = new org.apache.camel.support.ScheduledPollConsumerHealthCheck(c, "docs");
        // document 2 is not in the chunk answer (so it is read on its own), and that read fails
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("id__in", equalTo("1,2,3")).atPriority(1)
                .willReturn(okJson("{\"count\":2,\"next\":null,\"previous\":null,\"results\":["
                                   + FakeStoreAccess.document(1) + "," + FakeStoreAccess.document(3) + "]}")));
        wm.stubFor(get(urlPathEqualTo("/api/documents/2/")).atPriority(1).willReturn(aResponse().withStatus(503)));
        c.run();
        assertThat(seen).containsExactly(1);
        assertThat(check.call(new java.util.HashMap<>()).getState()).isEqualTo(org.apache.camel.health.HealthCheck.State.DOWN);
        assertThat(ConsumerPosition.decode(state.getState(c.getStateKey())).watermark()).hasToString("2026-11-20T10:00Z");
        wm.resetMappings();
        defaultStubs();
        io.github.camelpaperless.support.FakeStore.DOCUMENTS.clear();
        addDocument(1, "2026-11-20T10:00:00Z");
        addDocument(2, "2026-11-20T10:01:00Z");
        addDocument(3, "2026-11-20T10:02:00Z");
        useFakeStore();
        c.run();
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(check.call(new java.util.HashMap<>()).getState()).isEqualTo(org.apache.camel.health.HealthCheck.State.UP);
    }

    @Test
    void restartResumesExactlyAfterTheLastCommittedDocument() throws Exception {
        addDocument(1, "2026-11-20T10:00:00Z");
        addDocument(2, "2026-11-20T10:01:00Z");
        PaperlessDocumentConsumer c = route("&startFrom=beginning&stateKey=export");
        c.poll();
        context.stop();
        addDocument(3, "2026-11-20T10:02:00Z");
        // a new context with the same state repository
        context = new org.apache.camel.impl.DefaultCamelContext();
        context.addComponent("paperless", createCamelContext().getComponent("paperless"));
        context.getRegistry().bind("state", state);
        context.start();
        PaperlessDocumentConsumer again = route("&startFrom=beginning&stateKey=export");
        assertThat(again.poll()).isEqualTo(1);
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(ConsumerPosition.decode(state.getState("export")).watermark()).hasToString("2026-11-20T10:02Z");
    }

    @Test
    void maxMessagesPerPollBatchesWithBatchProperties() throws Exception {
        for (int i = 1; i <= 5; i++) {
            addDocument(i, "2026-11-20T10:0" + i + ":00Z");
        }
        PaperlessDocumentConsumer c = route("&startFrom=beginning&maxMessagesPerPoll=2");
        assertThat(c.poll()).isEqualTo(2);
        assertThat(c.poll()).isEqualTo(2);
        assertThat(c.poll()).isEqualTo(1);
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        Exchange first = getMockEndpoint("mock:out").getExchanges().get(0);
        assertThat(first.getProperty(ExchangePropertyKey.BATCH_SIZE)).isEqualTo(2);
        assertThat(first.getProperty(ExchangePropertyKey.BATCH_INDEX)).isEqualTo(0);
        assertThat(first.getProperty(ExchangePropertyKey.BATCH_COMPLETE)).isEqualTo(false);
        wm.verify(getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("page_size", equalTo("2")));
    }

    @Test
    void afterSuccessActionsOnlyOnSuccessAndFailureTagOnFailure() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/documents/bulk_edit/")).willReturn(okJson("{\"result\":\"OK\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("name__iexact", equalTo("Inbox"))
                .willReturn(okJson(Fixtures.page(1, null, null, Fixtures.json("tags")))));
        wm.stubFor(get(urlPathEqualTo("/api/custom_fields/")).willReturn(okJson(Fixtures.page(1, null, null,
                "{\"id\":8,\"name\":\"Exported\",\"data_type\":\"boolean\",\"extra_data\":null,\"document_count\":0}"))));
        addDocument(1, "2026-11-20T10:00:00Z", 1);
        addDocument(2, "2026-11-20T10:01:00Z", 1);
        failOn = 2;
        failuresLeft.set(1);
        PaperlessDocumentConsumer c = route("&startFrom=beginning&filter.tags__id__all=1&removeTags=Inbox&addTags=9"
                                            + "&setCustomField.Exported=true&failureTag=9");
        c.poll();
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/bulk_edit/")).withRequestBody(equalToJson(
                "{\"documents\":[1],\"method\":\"modify_tags\",\"parameters\":{\"add_tags\":[9],\"remove_tags\":[1]}}")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/bulk_edit/")).withRequestBody(equalToJson(
                "{\"documents\":[1],\"method\":\"modify_custom_fields\",\"parameters\":{\"add_custom_fields\":{\"8\":true},\"remove_custom_fields\":[]}}")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/api/documents/bulk_edit/")).withRequestBody(equalToJson(
                "{\"documents\":[2],\"method\":\"add_tag\",\"parameters\":{\"tag\":9}}")));
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/documents/bulk_edit/")).withRequestBody(matchingJsonPath("$.documents[0]", equalTo("2")))
                .withRequestBody(matchingJsonPath("$.method", equalTo("modify_tags"))));
        wm.verify(getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("tags__id__all", equalTo("1")));
    }

    @Test
    void includeContentStreamsTheFile() throws Exception {
        addDocument(7, "2026-11-20T10:00:00Z");
        wm.stubFor(get(urlPathEqualTo("/api/documents/7/download/")).withQueryParam("original", equalTo("true"))
                .willReturn(aResponse().withHeader("Content-Type", "text/plain")
                        .withHeader("Content-Disposition", "attachment; filename=\"scan-7.txt\"").withBody("the original bytes")));
        PaperlessDocumentConsumer c = route("&startFrom=beginning&includeContent=original");
        c.poll();
        Exchange ex = getMockEndpoint("mock:out").getExchanges().get(0);
        assertThat(ex.getMessage().getHeader("content")).isEqualTo("the original bytes");
        assertThat(ex.getMessage().getHeader(PaperlessConstants.FILE_NAME)).isEqualTo("scan-7.txt");
        assertThat(ex.getMessage().getHeader(PaperlessConstants.DOCUMENT, Document.class).id()).isEqualTo(7);
        assertThat(((io.github.camelpaperless.client.ResponseStream) ex.getMessage().getBody()).isClosed()).isTrue();
    }

    @Test
    void modifiedModeEmitsChangesButNotItsOwnTagging() throws Exception {
        wm.stubFor(post(urlPathEqualTo("/api/documents/bulk_edit/"))
                .willReturn(aResponse().withTransformers(io.github.camelpaperless.support.FakeStore.NAME)));
        var d1 = addDocument(1, "2026-11-20T10:00:00Z");
        PaperlessDocumentConsumer c = route("&mode=modified&startFrom=beginning&addTags=9");
        assertThat(c.poll()).isEqualTo(1);
        // our own tagging bumped 'modified' on the server, but is not emitted as a change
        assertThat(d1.path("modified").asText()).isEqualTo("2026-11-20T10:01Z");
        // nor is the server's second stamp of the same change from its background task (at this list)
        assertThat(c.poll()).isZero();
        assertThat(d1.path("modified").asText()).isEqualTo("2026-11-20T10:01:05Z");
        assertThat(c.poll()).isZero();
        // a change made by someone else is
        d1.put("title", "Renamed by a user");
        d1.put("modified", "2026-11-20T11:00:00Z");
        assertThat(c.poll()).isEqualTo(1);
        assertThat(seen).containsExactly(1, 1);
    }

    @Test
    void scheduledPollingWithTheDefaultScheduler() throws Exception {
        addDocument(1, "2026-11-20T10:00:00Z");
        MockEndpoint out = getMockEndpoint("mock:sched");
        out.expectedMessageCount(2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startFrom=beginning&initialDelay=0&delay=50").to("mock:sched");
            }
        });
        addDocument(2, "2026-11-20T10:01:00Z");
        out.assertIsSatisfied();
        List<Integer> ids = new ArrayList<>();
        out.getExchanges().forEach(e -> ids.add(e.getMessage().getHeader(PaperlessConstants.ID, Integer.class)));
        assertThat(ids).containsExactly(1, 2);
        assertThat(context.getEndpoint("paperless:documents", io.github.camelpaperless.component.PaperlessEndpoint.class)
                .getDelay()).isEqualTo(60_000);
    }

    @Test
    void newDocumentsAreLoadedInChunksNotOneRequestEach() throws Exception {
        PaperlessDocumentConsumer c = route("&maxMessagesPerPoll=0");
        assertThat(c.poll()).isZero();
        for (int i = 1; i <= 150; i++) {
            addDocument(100 + i, java.time.OffsetDateTime.parse("2026-11-20T10:00:00Z").plusSeconds(i).toString());
        }
        int before = wm.getAllServeEvents().size();
        assertThat(c.poll()).isEqualTo(150);
        List<String> requests = new ArrayList<>();
        wm.getAllServeEvents().subList(0, wm.getAllServeEvents().size() - before)
                .forEach(e -> requests.add(e.getRequest().getUrl().replaceAll("\\?.*", "")));
        // 1 discovery page of 100, then 2 of the rest... and the bodies of 150 documents in 2 chunk requests
        assertThat(requests).allMatch(u -> u.equals("/api/documents/"));
        assertThat(requests).hasSizeLessThanOrEqualTo(4);
        assertThat(seen).hasSize(150).doesNotHaveDuplicates();
        MockEndpoint out = getMockEndpoint("mock:out");
        assertThat(out.getExchanges().get(149).getMessage().getBody(Document.class).title()).isEqualTo("Document 250");
    }

    @Test
    void aDocumentMissingFromItsChunkIsReadOnItsOwn() throws Exception {
        PaperlessDocumentConsumer c = route("");
        assertThat(c.poll()).isZero();
        addDocument(301, "2026-11-20T10:05:00Z");
        addDocument(302, "2026-11-20T10:06:00Z");
        // the chunk request does not return 302 (e.g. its permissions changed between listing and loading)
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("id__in", equalTo("301,302")).atPriority(1)
                .willReturn(okJson("{\"count\":1,\"next\":null,\"previous\":null,\"results\":["
                                   + FakeStoreAccess.document(301) + "]}")));
        assertThat(c.poll()).isEqualTo(2);
        assertThat(seen).containsExactly(301, 302);
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/documents/302/")));
        wm.verify(0, getRequestedFor(urlPathEqualTo("/api/documents/301/")));
    }

    /** The fake's stored document as JSON. */
    static final class FakeStoreAccess {
        static String document(int id) {
            return io.github.camelpaperless.support.FakeStore.DOCUMENTS.stream().filter(d -> d.path("id").asInt() == id)
                    .findFirst().orElseThrow().toString();
        }
    }

    /**
     * Issue 20: a route in mode=modified that writes back to the document it received (the "compute something, store it
     * in a custom field" route) does not receive it again — every PATCH bumps modified; before, it came back at every
     * poll, forever. A real change afterwards is still emitted.
     */
    @Test
    void aRouteThatWritesBackToTheDocumentItReceivedDoesNotReceiveItAgain() throws Exception {
        wm.stubFor(patch(urlPathMatching("/api/documents/\\d+/")).willReturn(aResponse().withTransformers(
                io.github.camelpaperless.support.FakeStore.NAME)));
        String id = "wb" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false&stateRepository=#state&mode=modified").routeId(id)
                        .process(e -> seen.add(e.getMessage().getHeader(PaperlessConstants.ID, Integer.class)))
                        .setBody(constant(java.util.Map.of("title", "classified by the route")))
                        .to("paperless:documents?operation=update");
            }
        });
        PaperlessDocumentConsumer c = (PaperlessDocumentConsumer) context.getRoute(id).getConsumer();
        assertThat(c.poll()).isZero();
        addDocument(30, "2026-11-20T10:05:00Z");
        assertThat(c.poll()).isEqualTo(1);
        // the route's own PATCH stamped it again: not a change to emit, at this poll or later ones
        assertThat(c.poll()).isZero();
        assertThat(c.poll()).isZero();
        assertThat(seen).containsExactly(30);
        // a user tags it: a real change, emitted (and the route's write-back to it again is not)
        com.fasterxml.jackson.databind.node.ObjectNode d = io.github.camelpaperless.support.FakeStore.document(30);
        d.putArray("tags").add(4);
        io.github.camelpaperless.support.FakeStore.restamp(d);
        assertThat(c.poll()).isEqualTo(1);
        assertThat(c.poll()).isZero();
        assertThat(seen).containsExactly(30, 30);
    }

    /** Issue 20: the default (in-memory) position belongs to the endpoint: a route stopped and started goes on. */
    @Test
    void aRouteStoppedAndStartedWithTheDefaultRepositoryEmitsWhatWasAddedMeanwhile() throws Exception {
        String id = "restart" + System.nanoTime();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("paperless:documents?startScheduler=false").routeId(id)
                        .process(e -> seen.add(e.getMessage().getHeader(PaperlessConstants.ID, Integer.class)));
            }
        });
        addDocument(31, "2026-11-20T10:05:00Z");
        assertThat(((PaperlessDocumentConsumer) context.getRoute(id).getConsumer()).poll()).isZero();
        context.getRouteController().stopRoute(id);
        addDocument(32, "2026-11-20T10:06:00Z");
        context.getRouteController().startRoute(id);
        // not startFrom=now again (which is 32 itself): the position where the route stood
        assertThat(((PaperlessDocumentConsumer) context.getRoute(id).getConsumer()).poll()).isEqualTo(1);
        assertThat(seen).containsExactly(32);
    }
}
