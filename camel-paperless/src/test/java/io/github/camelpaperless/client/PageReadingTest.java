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

/** Pages are read in one pass from the answer's bytes: every shape the server sends, and each wrong one, clearly. */
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
}
