package io.github.camelpaperless.component;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelpaperless.client.PagedIterable;
import io.github.camelpaperless.client.PaperlessClient;
import io.github.camelpaperless.client.model.Document;
import io.github.camelpaperless.support.FakeStore;
import io.github.camelpaperless.support.PaperlessTestSupport;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20: walking a listing while the route changes what it selects, and what a walk holds when it is ended early.
 */
class ListingWalksTest extends PaperlessTestSupport {

    final List<Integer> processed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void inbox() throws Exception {
        useFakeStore();
        // 45 documents in the inbox (tag 1)
        for (int id = 1; id <= 45; id++) {
            FakeStore.addDocument(id, "2026-11-20T10:00:00Z", 1);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the inbox route: handle each document, then take it out of the inbox
                from("direct:inbox").toD("paperless:documents?filter.tags__id__all=1&ordering=id&pageSize=10${header.walk}")
                        .split(body()).streaming()
                        .process(e -> {
                            Document d = e.getMessage().getBody(Document.class);
                            processed.add(d.id());
                            ObjectNode stored = FakeStore.document(d.id());
                            ArrayNode none = stored.putArray("tags");
                            assertThat(none).isEmpty();
                        });
            }
        });
    }

    @Test
    void offsetPagesSkipWhatTheRouteTakesOutOfTheSelection() {
        template.requestBodyAndHeader("direct:inbox", null, "walk", "");
        // page 2 is asked after the first 10 left the selection: it starts at the 21st, and so on
        assertThat(processed).hasSizeLessThan(45);
    }

    @Test
    void aSnapshotWalkHandlesEveryDocumentOnceWhateverTheRouteChanges() {
        template.requestBodyAndHeader("direct:inbox", null, "walk", "&snapshot=true");
        assertThat(processed).hasSize(45).doesNotHaveDuplicates();
        assertThat(processed).isSorted();
        // the ids in one request, then the documents in chunks of 100 by id
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("fields", equalTo("id")));
        wm.verify(1, getRequestedFor(urlPathEqualTo("/api/documents/")).withQueryParam("id__in", matching(".+")));
    }

    @Test
    void aWalkEndedEarlyDropsThePageReadAheadAndReadsNoMore() throws Exception {
        PagedIterable<?> listing = ((PagedIterable<?>) template.requestBody("paperless:documents?pageSize=10&ordering=id", (Object) null));
        assertThat(listing.readsAhead()).isTrue();
        Iterator<?> walk = listing.iterator();
        assertThat(walk.next()).isInstanceOf(Document.class);
        // Camel's splitter closes a Closeable iterator when the split ends (done or failed)
        assertThat(walk).isInstanceOf(java.io.Closeable.class);
        ((java.io.Closeable) walk).close();
        assertThat(walk.hasNext()).isFalse();
        Thread.sleep(200);
        int pagesRead = wm.findAll(getRequestedFor(urlPathEqualTo("/api/documents/"))).size();
        assertThat(pagesRead).as("the first page and at most the one read ahead").isLessThanOrEqualTo(2);
    }

    private static java.util.Set<Thread> readAheadThreads() {
        java.util.Set<Thread> out = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("paperless-read-ahead-")).forEach(out::add);
        return out;
    }

    @Test
    void readAheadUsesAtMostOneThreadPerConnection() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/documents/")).withQueryParam("page", equalTo("2")).atPriority(1)
                .willReturn(aResponse().withTransformers(FakeStore.NAME).withFixedDelay(500)));
        java.util.Set<Thread> before = readAheadThreads();
        PaperlessClient client = context.getEndpoint("paperless:documents?connectionsPerRoute=2", PaperlessEndpoint.class).getClient();
        List<Iterator<Document>> walks = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Iterator<Document> walk = client.<Document> list("documents", io.github.camelpaperless.client.Query.create()
                    .set("page_size", 10), client.type(Document.class), 0).readAhead().iterator();
            walk.next(); // page 1 read, page 2 read ahead (if a thread is free)
            walks.add(walk);
        }
        java.util.Set<Thread> made = readAheadThreads();
        made.removeAll(before);
        assertThat(made).hasSizeLessThanOrEqualTo(2);
        // the walks that found no free thread read their next page themselves: all 6 see every document
        for (Iterator<Document> walk : walks) {
            int n = 1;
            while (walk.hasNext()) {
                walk.next();
                n++;
            }
            assertThat(n).isEqualTo(45);
        }
    }
}
