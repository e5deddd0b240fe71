package io.github.camelpaperless.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.camelpaperless.client.model.Tag;
import io.github.camelpaperless.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pages are read in one pass straight from the connection: every shape the server sends, and each wrong one, clearly;
 * the connection goes back to the pool, and the iterator holds no item it has handed out.
 */
class PageReadingTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static PaperlessClient client() {
        return new PaperlessClient(PaperlessClientConfig.builder(wm.baseUrl()).token("t").apiVersion(ApiVersion.V9)
                .retryPolicy(RetryPolicy.NONE).responseTimeout(Duration.ofSeconds(5)).build());
    }

    @Test
    void aV9PageKeepsItsIdsButIterationSkipsThemOnLaterPages() throws Exception {
        String tag = Fixtures.json("tags");
        String second = wm.baseUrl() + "/api/tags/?page=2&page_size=1";
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.pageV9(2, second, null, "[1,9]", tag))));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.pageV9(2, null, wm.baseUrl() + "/api/tags/?page_size=1", "[1,9]",
                        tag.replace("\"id\": 1,", "\"id\": 9,")))));
        try (PaperlessClient c = client()) {
            Page<Tag> first = c.tags().page(null, 1);
            assertThat(first.allIds()).containsExactly(1, 9);
            assertThat(first.count()).isEqualTo(2);
            assertThat(first.next()).isEqualTo(second);
            List<Integer> ids = new ArrayList<>();
            for (Tag t : c.tags().list(null)) {
                ids.add(t.id());
            }
            assertThat(ids).containsExactly(1, 9);
            Page<Tag> later = c.pageAt(second, c.type(Tag.class), 2);
            assertThat(later.allIds()).as("not parsed while iterating").isNull();
            assertThat(later.items()).extracting(Tag::id).containsExactly(9);
        }
    }

    @Test
    void plainListsAndNullAreOnePage() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).willReturn(okJson("[" + Fixtures.json("tags") + "]")));
        wm.stubFor(get(urlPathEqualTo("/api/groups/")).willReturn(okJson("null")));
        try (PaperlessClient c = client()) {
            Page<Tag> list = c.tags().page(null, 1);
            assertThat(list.items()).hasSize(1);
            assertThat(list.count()).isEqualTo(1);
            assertThat(c.groups().page(null, 1).items()).isEmpty();
        }
    }

    @Test
    void wrongShapesSayWhatCameInstead() throws Exception {
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).willReturn(okJson("{\"detail\":\"Not found.\",\"count\":3}")));
        wm.stubFor(get(urlPathEqualTo("/api/groups/")).willReturn(okJson("{\"count\":1,\"results\":\"nope\"}")));
        wm.stubFor(get(urlPathEqualTo("/api/users/")).willReturn(okJson("{\"count\":1,\"results\":[{\"id\":1,")));
        try (PaperlessClient c = client()) {
            assertThatThrownBy(() -> c.tags().page(null, 1)).isInstanceOf(PaperlessUnexpectedResponseException.class)
                    .hasMessageContaining("Expected a list or a page with 'results' but got an object with keys [detail,count]");
            assertThatThrownBy(() -> c.groups().page(null, 1)).isInstanceOf(PaperlessUnexpectedResponseException.class)
                    .hasMessageContaining("Cannot read the server's answer as java.util.List<io.github.camelpaperless.client.model.Group>");
            assertThatThrownBy(() -> c.users().page(null, 1)).isInstanceOf(PaperlessUnexpectedResponseException.class)
                    .hasMessageContaining("returned a body that is not valid JSON");
        }
    }

    @Test
    void bigPagesAreParsedFromTheStreamAndTheConnectionIsReused() throws Exception {
        String tag = Fixtures.json("tags");
        String[] items = new String[1500];
        for (int i = 0; i < items.length; i++) {
            items[i] = tag.replace("\"id\": 1,", "\"id\": " + (i + 1) + ",");
        }
        String second = wm.baseUrl() + "/api/tags/?page=2&page_size=1500";
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", absent())
                .willReturn(okJson(Fixtures.pageV9(3000, second, null, "[]", items) + "\n\n")));
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).withQueryParam("page", equalTo("2"))
                .willReturn(okJson(Fixtures.pageV9(3000, null, null, "[]", items))));
        try (PaperlessClient c = client()) {
            long n = 0;
            long sum = 0;
            for (Tag t : c.tags().list(null)) {
                n++;
                sum += t.id();
            }
            assertThat(n).isEqualTo(3000);
            assertThat(sum).isEqualTo(2 * (1500L * 1501 / 2));
            // each body was read to its end (trailing bytes included), so its connection went back to the pool
            assertThat(c.poolStats().getLeased()).isZero();
            assertThat(c.poolStats().getAvailable()).as("kept alive, not discarded").isEqualTo(1);
        }
    }

    @Test
    void brokenJsonLateInABigBodyIsReportedWithTheStartOfTheBody() throws Exception {
        String tag = Fixtures.json("tags");
        String[] items = new String[200];
        java.util.Arrays.fill(items, tag);
        String body = Fixtures.page(200, null, null, items);
        String broken = body.substring(0, body.length() - 300) + "}}}";
        wm.stubFor(get(urlPathEqualTo("/api/tags/")).willReturn(okJson(broken)));
        try (PaperlessClient c = client()) {
            assertThatThrownBy(() -> c.tags().page(null, 1)).isInstanceOfSatisfying(PaperlessUnexpectedResponseException.class,
                    e -> {
                        assertThat(e.getMessage()).contains("returned a body that is not valid JSON");
                        assertThat(e.getBodyExcerpt()).startsWith(broken.substring(0, 4000)).endsWith("…")
                                .hasSize(4097);
                    });
            // the next request works on a clean connection
            wm.stubFor(get(urlPathEqualTo("/api/tags/")).willReturn(okJson(Fixtures.page(1, null, null, tag))));
            assertThat(c.tags().page(null, 1).items()).hasSize(1);
        }
    }

    @Test
    void anItemHandedOutIsNotHeldByTheIterator() throws Exception {
        String tag = Fixtures.json("tags");
        wm.stubFor(get(urlPathEqualTo("/api/tags/"))
                .willReturn(okJson(Fixtures.pageV9(3, null, null, "[]", tag, tag.replace("\"id\": 1,", "\"id\": 2,"),
                        tag.replace("\"id\": 1,", "\"id\": 3,")))));
        try (PaperlessClient c = client()) {
            java.util.Iterator<Tag> it = c.tags().list(null).iterator();
            java.lang.ref.WeakReference<Tag> first = new java.lang.ref.WeakReference<>(it.next());
            for (int i = 0; i < 20 && first.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(first.get()).as("a slow route over a big page does not keep what it has processed").isNull();
            assertThat(it.next().id()).isEqualTo(2);
            assertThat(it.next().id()).isEqualTo(3);
            assertThat(it.hasNext()).isFalse();
        }
    }

    /** Three pages of two tags (ids 1–6); page N answers after {@code delayMs}. */
    private static void threePages(int failingPage, int delayMs) throws Exception {
        String tag = Fixtures.json("tags");
        for (int page = 1; page <= 3; page++) {
            String next = page < 3 ? wm.baseUrl() + "/api/tags/?page=" + (page + 1) + "&page_size=2" : null;
            String body = Fixtures.page(6, next, null, tag.replace("\"id\": 1,", "\"id\": " + (2 * page - 1) + ","),
                    tag.replace("\"id\": 1,", "\"id\": " + (2 * page) + ","));
            var request = get(urlPathEqualTo("/api/tags/"));
            request = page == 1 ? request.withQueryParam("page", absent()) : request.withQueryParam("page", equalTo(String.valueOf(page)));
            wm.stubFor(request.willReturn(page == failingPage
                    ? aResponse().withStatus(500).withHeader("Content-Type", "text/html").withBody("<h1>Server Error (500)</h1>")
                    : okJson(body).withFixedDelay(delayMs)));
        }
    }

    private static long requestsForPage(int page) {
        return wm.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains("page=" + page + "&")).count();
    }

    @Test
    void readAheadReadsTheNextPageWhileTheCurrentOneIsWorkedOn() throws Exception {
        threePages(0, 0);
        try (PaperlessClient c = client()) {
            PagedIterable<Tag> plain = c.tags().list(Query.create().set("page_size", 2));
            java.util.Iterator<Tag> it = plain.iterator();
            assertThat(it.next().id()).isEqualTo(1);
            assertThat(requestsForPage(2)).as("without read-ahead, page 2 waits until page 1 is used up").isZero();

            PagedIterable<Tag> ahead = plain.readAhead();
            assertThat(ahead.readsAhead()).isTrue();
            assertThat(plain.readsAhead()).isFalse();
            java.util.Iterator<Tag> ai = ahead.iterator();
            assertThat(ai.next().id()).isEqualTo(1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (requestsForPage(2) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(requestsForPage(2)).as("page 2 read while page 1 is still being handed out").isEqualTo(1);
            List<Integer> rest = new ArrayList<>();
            ai.forEachRemaining(t -> rest.add(t.id()));
            assertThat(rest).containsExactly(2, 3, 4, 5, 6);
            assertThat(requestsForPage(2)).as("each page read once").isEqualTo(1);
            assertThat(requestsForPage(3)).isEqualTo(1);
        }
    }

    @Test
    void readAheadReadsNoPageBeyondMaxResultsAndFailsWhereThePageIsReached() throws Exception {
        threePages(3, 0);
        try (PaperlessClient c = client()) {
            List<Integer> two = new ArrayList<>();
            c.tags().list(Query.create().set("page_size", 2), 2).readAhead().forEach(t -> two.add(t.id()));
            assertThat(two).containsExactly(1, 2);
            Thread.sleep(100);
            assertThat(requestsForPage(2)).as("maxResults reached on page 1: page 2 never read").isZero();

            // page 3 fails: the items before it arrive, then the same typed exception as without read-ahead
            java.util.Iterator<Tag> it = c.tags().list(Query.create().set("page_size", 2)).readAhead().iterator();
            List<Integer> got = new ArrayList<>();
            assertThatThrownBy(() -> {
                while (it.hasNext()) {
                    got.add(it.next().id());
                }
            }).isInstanceOf(PaperlessServerException.class).hasMessageContaining("500");
            assertThat(got).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void aWalkOverAClosedClientFailsClearlyWithOrWithoutReadAhead() throws Exception {
        threePages(0, 0);
        PaperlessClient c = client();
        PagedIterable<Tag> ahead = c.tags().list(Query.create().set("page_size", 2)).readAhead();
        c.close();
        assertThatThrownBy(() -> ahead.iterator().hasNext()).isInstanceOf(PaperlessException.class)
                .hasMessageContaining("closed");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("paperless-read-ahead")
                                                                       && t.isAlive() && !t.isDaemon());
    }
}
